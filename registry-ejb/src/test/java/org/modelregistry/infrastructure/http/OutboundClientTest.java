package org.modelregistry.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The client against a socket server of its own on the loopback address (allowed for it alone). */
class OutboundClientTest {

    /** Serves one connection: reads the request head, answers {@code answer}, then up to bodyBytes more. */
    private static ServerSocket serve(
            byte[] answer, long bodyBytes, AtomicLong written, AtomicReference<String> request) throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    head.write(in.read());
                }
                request.set(head.toString(StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                out.write(answer);
                byte[] chunk = new byte[8192];
                for (long left = bodyBytes; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                    written.addAndGet(Math.min(chunk.length, left));
                }
                out.flush();
            } catch (Exception closedByTheClient) {
                // expected for the large answer
            }
        });
        return server;
    }

    private static OutboundClient client(int port) {
        return new OutboundClient(OutboundPolicy.of("127.0.0.1:" + port));
    }

    @Test
    void aHugeAnswerIsNotReadBeyondTheBound() throws Exception {
        long size = 5L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        AtomicReference<String> request = new AtomicReference<>();
        try (ServerSocket server = serve(
                ("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                size,
                written,
                request)) {
            OutboundClient.Answer answer = client(server.getLocalPort())
                    .post(
                            URI.create("http://127.0.0.1:" + server.getLocalPort() + "/big?x=1"),
                            Map.of("Authorization", "Bearer t"),
                            new byte[] {'{', '}'},
                            Duration.ofSeconds(5));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.tooLarge()).isTrue();
            Thread.sleep(300);
            assertThat(written.get()).as("the server could not send it all").isLessThan(size);
            assertThat(request.get())
                    .startsWith("POST /big?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort())
                    .contains("Connection: close", "Content-Length: 2", "Authorization: Bearer t");
        }
    }

    @Test
    void aSmallAnswerIsReadAndOnlyItsStatusKept() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        String reply = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 401 Unauthorized\r\nContent-Length: 9\r\n\r\nbad token";
        try (ServerSocket server = serve(reply.getBytes(StandardCharsets.US_ASCII), 0, new AtomicLong(), request)) {
            OutboundClient.Answer answer = client(server.getLocalPort())
                    .post(
                            URI.create("http://127.0.0.1:" + server.getLocalPort()),
                            Map.of(),
                            new byte[0],
                            Duration.ofSeconds(5));
            assertThat(answer).isEqualTo(new OutboundClient.Answer(401, false));
        }
    }

    @Test
    void refusedAddressesSilentServersAndClosedPortsGiveFixedPhrases() throws Exception {
        OutboundClient strict = new OutboundClient(OutboundPolicy.of(""));
        assertThatThrownBy(() -> strict.post(
                        URI.create("http://127.0.0.1:15432/"), Map.of(), new byte[0], Duration.ofSeconds(1)))
                .isInstanceOf(OutboundException.class)
                .hasMessage("address not allowed by the outbound policy");
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> client(silent.getLocalPort())
                            .post(
                                    URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                                    Map.of(),
                                    new byte[0],
                                    Duration.ofMillis(500)))
                    .isInstanceOf(OutboundException.class)
                    .hasMessage("timed out");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> client(closed)
                        .post(URI.create("http://127.0.0.1:" + closed), Map.of(), new byte[0], Duration.ofSeconds(1)))
                .isInstanceOf(OutboundException.class)
                .hasMessage("connection refused");
    }

    @Test
    void anInterruptEndsABlockedReadAtOnce() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread caller = Thread.currentThread();
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                caller.interrupt(); // what a Fault Tolerance timeout does
            });
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> client(silent.getLocalPort())
                            .post(
                                    URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                                    Map.of(),
                                    new byte[0],
                                    Duration.ofSeconds(20)))
                    .isInstanceOf(OutboundException.class)
                    .hasMessage("timed out");
            assertThat(Thread.interrupted()).isTrue();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
        }
    }
}
