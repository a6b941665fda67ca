package dev.skiff.daemon.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One client connection. Requests are served one at a time (HTTP/1.1 keep-alive without
 * pipelining); anything the client sends ahead is held until the current response is complete.
 * After a hijack the connection carries raw bytes only. All fields are touched on the event
 * loop only.
 */
final class ApiConnection extends ChannelInboundHandlerAdapter {
    private static final long MAX_IN_MEMORY_BODY = 64 << 10;
    private final Router router;
    private final Executor workers;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Outbound out;
    private Exchange current;
    private boolean requestComplete;
    /** The current request is answered on this (the I/O) thread once it is complete. */
    private boolean runHere;
    private boolean keepAlive;
    private boolean inputShutdown;
    private InboundBytes hijackInput;

    ApiConnection(Router router, Executor workers) {
        this.router = router;
        this.workers = workers;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.out = new Outbound(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (hijackInput != null) {
            if (msg instanceof ByteBuf buf) {
                hijackInput.offer(buf);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (current != null && requestComplete) {
            held.add(msg);
            return;
        }
        handleHttp(ctx, msg);
    }

    private void handleHttp(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            if (req.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                badRequest(ctx);
                return;
            }
            keepAlive = HttpUtil.isKeepAlive(req);
            current = new Exchange(this, ctx.channel(), req, out);
            requestComplete = false;
            runHere = current.route(router) && smallBody(req);
            if (!runHere) {
                Exchange exchange = current;
                try {
                    workers.execute(exchange::run);
                } catch (RejectedExecutionException e) {
                    ctx.close();
                    return;
                }
            }
        }
        if (msg instanceof HttpContent content) {
            if (current == null) {
                content.release();
                return;
            }
            current.bodyBytes().offer(content.content());
            if (msg instanceof LastHttpContent) {
                current.bodyBytes().end();
                requestComplete = true;
                if (runHere) {
                    current.run();
                }
            }
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** A body the I/O thread may wait for whole: announced, and far below the inbound high-water mark. */
    private static boolean smallBody(HttpRequest req) {
        return !HttpUtil.isTransferEncodingChunked(req) && HttpUtil.getContentLength(req, 0L) <= MAX_IN_MEMORY_BODY;
    }

    private void badRequest(ChannelHandlerContext ctx) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    /** Called from a worker when the response of {@code exchange} has been handed to the channel. */
    void responseComplete(Exchange exchange) {
        ctx.channel().eventLoop().execute(() -> {
            if (current != exchange || hijackInput != null) {
                return;
            }
            current = null;
            if (!keepAlive || inputShutdown) {
                releaseHeld();
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            while (!held.isEmpty() && (current == null || !requestComplete)) {
                handleHttp(ctx, held.poll());
            }
        });
    }

    /** Called on the event loop by a hijacking exchange, before the HTTP codec is removed. */
    void enterHijack(InboundBytes input) {
        hijackInput = input;
        if (inputShutdown) {
            input.end();
        }
        releaseHeld();
    }

    private void releaseHeld() {
        held.forEach(ReferenceCountUtil::release);
        held.clear();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShutdown = true;
            if (hijackInput != null) {
                hijackInput.end();
            } else if (current == null) {
                ctx.close();
            } else if (!requestComplete) {
                current.bodyBytes().fail("client closed the connection before the end of the request");
            } else {
                // as in Go's server: a client that hangs up cancels its request (an abandoned wait, logs -f)
                Exchange gone = current;
                workers.execute(gone::clientGone);
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        out.wakeUp();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        out.wakeUp();
        if (hijackInput != null) {
            hijackInput.end();
        }
        if (current != null) {
            Exchange gone = current;
            workers.execute(gone::clientGone);
        }
        releaseHeld();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
