package io.nplus.snmp.testing;

import java.io.Closeable;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP port that reads and discards everything: a target that never answers. Not a closed port, which on
 * loopback answers with ICMP port-unreachable, a different fault (reliability.md §5).
 */
public final class BlackHole implements Closeable {
    private final DatagramSocket socket;
    private final AtomicInteger received = new AtomicInteger();

    public BlackHole() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            while (!socket.isClosed()) {
                try {
                    socket.receive(new DatagramPacket(buf, buf.length));
                    received.incrementAndGet();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "black-hole");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int received() {
        return received.get();
    }

    @Override
    public void close() {
        socket.close();
    }
}
