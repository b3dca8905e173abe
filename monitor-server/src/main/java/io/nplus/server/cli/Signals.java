package io.nplus.server.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP handling. The JDK has no public signal API; sun.misc.Signal (module jdk.unsupported) is reached by
 * reflection so the build stays free of internal-API warnings. Where it is missing, reload is unavailable and
 * nplus says so once.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger("nplus");

    private Signals() {
    }

    static void onHangup(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object h = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handler},
                (InvocationHandler) (proxy, method, args) -> {
                    if (method.getName().equals("handle")) {
                        Thread t = new Thread(action, "nplus-reload");
                        t.start();
                    }
                    return null;
                });
            Object hup = signal.getConstructor(String.class).newInstance("HUP");
            signal.getMethod("handle", signal, handler).invoke(null, hup, h);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("event=signals note=\"SIGHUP reload is not available on this JVM: {}\"", e.toString());
        }
    }
}
