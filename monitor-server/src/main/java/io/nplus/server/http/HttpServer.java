package io.nplus.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nplus's HTTP server. HTTP/1.1 only (no h2c: none of the HTTP/2 CVE stream), bounded request line, headers
 * and body (64 KiB, 413 above), idle connections closed after 30 s, at most {@code maxConnections} open.
 * Handlers run on a small worker pool so a large /metrics never stalls the event loop. Responses carry
 * {@code Cache-Control: no-store} and never echo request input.
 *
 * <pre>{@code
 * HttpServer http = HttpServer.start(new InetSocketAddress("127.0.0.1", 9730), Map.of("/metrics", metrics));
 * }</pre>
 */
public final class HttpServer implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final int MAX_BODY = 64 * 1024;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService handlers;
    private final Channel channel;

    private HttpServer(EventLoopGroup boss, EventLoopGroup workers, ExecutorService handlers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.handlers = handlers;
        this.channel = channel;
    }

    /**
     * Routes: exact paths, or prefixes written with a trailing "*" ("/api/v1/devices/*"; the handler gets the full
     * path). GET and HEAD only unless the route is listed in {@code posts}.
     */
    public static HttpServer start(InetSocketAddress address, Map<String, Route> routes, java.util.Set<String> posts,
                                   int maxConnections) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService handlers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "nplus-http-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger open = new AtomicInteger();
        Map<String, Route> table = new LinkedHashMap<>(routes);
        try {
            Channel ch = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        if (open.incrementAndGet() > maxConnections) {
                            open.decrementAndGet();
                            c.close();
                            return;
                        }
                        c.closeFuture().addListener(f -> open.decrementAndGet());
                        ChannelPipeline p = c.pipeline();
                        p.addLast(new IdleStateHandler(0, 0, 30, TimeUnit.SECONDS));
                        p.addLast(new HttpServerCodec(4096, 8192, 8192));
                        p.addLast(new HttpObjectAggregator(MAX_BODY));
                        p.addLast(new Dispatcher(table, posts, handlers));
                    }
                })
                .bind(address).sync().channel();
            return new HttpServer(boss, workers, handlers, ch);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            handlers.shutdownNow();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        handlers.shutdownNow();
    }

    private static final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Map<String, Route> routes;
        private final java.util.Set<String> posts;
        private final ExecutorService handlers;

        Dispatcher(Map<String, Route> routes, java.util.Set<String> posts, ExecutorService handlers) {
            this.routes = routes;
            this.posts = posts;
            this.handlers = handlers;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (!req.decoderResult().isSuccess()) {
                send(ctx, req, Route.Response.text(400, "bad request"), false);
                return;
            }
            // Request smuggling defence: a body framed two ways, or by anything but plain chunked, is refused.
            List<String> te = req.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
            if ((!te.isEmpty() && req.headers().contains(HttpHeaderNames.CONTENT_LENGTH))
                || te.size() > 1 || (te.size() == 1 && !te.get(0).equalsIgnoreCase("chunked"))) {
                send(ctx, req, Route.Response.text(400, "bad request: ambiguous message framing"), false);
                return;
            }
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            String path = q.path();
            Route route = routes.get(path);
            if (route == null) {
                for (Map.Entry<String, Route> e : routes.entrySet()) {
                    String prefix = e.getKey().endsWith("*") ? e.getKey().substring(0, e.getKey().length() - 1) : null;
                    if (prefix != null && path.startsWith(prefix) && path.length() > prefix.length()) {
                        route = e.getValue();
                        break;
                    }
                }
            }
            if (route == null) {
                send(ctx, req, Route.Response.text(404, "not found; see / for the endpoints"), HttpUtil.isKeepAlive(req));
                return;
            }
            HttpMethod m = req.method();
            boolean post = posts.contains(path)
                || posts.stream().anyMatch(p -> p.endsWith("*") && path.startsWith(p.substring(0, p.length() - 1)));
            if (!(m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD) || (post && m.equals(HttpMethod.POST)))) {
                send(ctx, req, Route.Response.text(405, "method not allowed"), HttpUtil.isKeepAlive(req));
                return;
            }
            Route r = route;
            FullHttpRequest held = req.retain();
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            try {
                handlers.execute(() -> {
                    Route.Response resp;
                    try {
                        resp = r.handle(held, path, q.parameters());
                    } catch (IllegalArgumentException e) {
                        resp = Route.Response.text(400, e.getMessage());
                    } catch (RuntimeException e) {
                        log.warn("path={} error=\"{}\"", path, e.toString());
                        resp = Route.Response.text(500, "internal error");
                    } finally {
                        held.release();
                    }
                    send(ctx, held, resp, keepAlive);
                });
            } catch (RejectedExecutionException e) {
                held.release();
                send(ctx, req, Route.Response.text(503, "shutting down"), false);
            }
        }

        private static void send(ChannelHandlerContext ctx, FullHttpRequest req, Route.Response r, boolean keepAlive) {
            boolean head = req.method().equals(HttpMethod.HEAD);
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
            resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
            resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            resp.headers().set("X-Content-Type-Options", "nosniff");
            if (keepAlive) {
                resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(resp);
            } else {
                resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The remote address of a channel, for logs. */
    static String peer(Channel c) {
        return c.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
    }
}
