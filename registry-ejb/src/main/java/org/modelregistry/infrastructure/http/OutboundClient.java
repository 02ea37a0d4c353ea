package org.modelregistry.infrastructure.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.modelregistry.infrastructure.http.OutboundException.Failure;

/**
 * Makes the HTTP calls the registry sends on its users' behalf (deployment targets, webhooks) under the
 * {@link OutboundPolicy}: the host is resolved and checked at call time, and the connection goes to exactly the
 * address that was checked, so a name cannot be re-pointed (DNS rebinding) between check and connect. The request
 * keeps the URL's host in {@code Host} and, over TLS, in SNI and the certificate check.
 *
 * <p>Why not {@code java.net.http.HttpClient}: on Java 17 it resolves the URL's host itself (no resolver to plug in;
 * {@code InetAddressResolverProvider} is Java 18 and JVM-wide), and calling the checked IP instead would need the
 * restricted {@code Host} header (a JVM-wide switch) and would check the TLS certificate against the IP, not the
 * name. Its body handlers also make it easy to read an answer whole. A call here is one HTTP/1.1 POST with
 * {@code Connection: close}: the status line and headers are read up to {@link #MAX_ANSWER} bytes, a body only
 * when it is announced and fits in what is left of that bound; the rest is never read and the connection closed.
 * No proxy is used. The socket comes from a {@link SocketChannel}, so a MicroProfile Fault Tolerance timeout
 * (which interrupts the calling thread) ends a blocked connect or read at once.
 */
@ApplicationScoped
public class OutboundClient {

    /** How much of an answer (status line, headers and body together) is ever read. */
    public static final int MAX_ANSWER = 64 * 1024;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<String> OWN_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding");

    /** The status of an answer, and whether it announced a body longer than the bound (which was not read). */
    public record Answer(int status, boolean tooLarge) {}

    @Inject
    OutboundSettings settings;

    private volatile OutboundPolicy policy;

    public OutboundClient() {}

    /** A client with this policy, outside CDI (tests). */
    public OutboundClient(OutboundPolicy policy) {
        this.policy = policy;
    }

    public OutboundPolicy policy() {
        OutboundPolicy p = policy;
        if (p == null) {
            p = OutboundPolicy.of(settings.outboundAllow());
            policy = p;
        }
        return p;
    }

    /** Why the registry would not call this URL, checked when a target or webhook is saved; empty if it would. */
    public Optional<String> refusal(String url) {
        return policy().checkAtCreation(url);
    }

    /** POSTs the body to the URL within the timeout (connect and answer together). */
    public Answer post(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws OutboundException {
        long deadline = System.nanoTime() + timeout.toNanos();
        OutboundPolicy.Decision decision = policy().check(uri.toString());
        if (!decision.allowed()) {
            throw new OutboundException(
                    decision.refusal().equals("the host name does not resolve")
                            ? Failure.UNRESOLVED
                            : Failure.NOT_ALLOWED);
        }
        String host = OutboundPolicy.host(uri);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        byte[] request = request(uri, host, headers, body);
        OutboundException last = new OutboundException(Failure.FAILED);
        for (InetAddress address : decision.addresses()) {
            try {
                return exchange(address, host, port, tls, request, deadline);
            } catch (OutboundException e) {
                last = e;
                if (e.failure() != Failure.REFUSED || Thread.currentThread().isInterrupted()) {
                    break; // only a refused connection is worth trying the host's next address
                }
            }
        }
        throw last;
    }

    private static Answer exchange(
            InetAddress address, String host, int port, boolean tls, byte[] request, long deadline)
            throws OutboundException {
        try (SocketChannel channel = SocketChannel.open()) {
            Socket socket = channel.socket();
            socket.connect(new InetSocketAddress(address, port), (int)
                    Math.max(1, Math.min(CONNECT_TIMEOUT.toMillis(), remaining(deadline))));
            Socket wire = socket;
            if (tls) {
                SSLSocket ssl = (SSLSocket)
                        ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
                if (!OutboundPolicy.isLiteral(host)) {
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                }
                ssl.setSSLParameters(parameters);
                socket.setSoTimeout(remaining(deadline));
                ssl.startHandshake();
                wire = ssl;
            }
            OutputStream out = wire.getOutputStream();
            out.write(request);
            out.flush();
            return answer(new BufferedInputStream(wire.getInputStream()), socket, deadline);
        } catch (SocketTimeoutException | ClosedByInterruptException e) {
            throw new OutboundException(Failure.TIMEOUT);
        } catch (ConnectException | NoRouteToHostException e) {
            throw new OutboundException(Thread.currentThread().isInterrupted() ? Failure.TIMEOUT : Failure.REFUSED);
        } catch (SSLException e) {
            throw new OutboundException(Failure.TLS);
        } catch (IOException e) {
            throw new OutboundException(Thread.currentThread().isInterrupted() ? Failure.TIMEOUT : Failure.FAILED);
        }
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long millis = (deadline - System.nanoTime()) / 1_000_000;
        if (millis <= 0) {
            throw new SocketTimeoutException();
        }
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }

    private static byte[] request(URI uri, String host, Map<String, String> headers, byte[] body) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String hostHeader = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        if (uri.getPort() >= 0) {
            hostHeader += ":" + uri.getPort();
        }
        StringBuilder head = new StringBuilder("POST ")
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader)
                .append("\r\nConnection: close\r\nContent-Length: ")
                .append(body.length)
                .append("\r\n");
        headers.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")
                    || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new IllegalArgumentException("header " + name + " cannot be sent as it is");
            }
            if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Reads the status and headers (skipping 1xx answers) and at most the rest of the bound of the body. */
    static Answer answer(InputStream in, Socket socket, long deadline) throws IOException, OutboundException {
        int[] budget = {MAX_ANSWER};
        while (true) {
            String status = line(in, socket, deadline, budget);
            if (!status.matches("HTTP/1\\.[01] [1-5][0-9][0-9]( .*)?")) {
                throw new OutboundException(Failure.BAD_ANSWER);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            for (String header = line(in, socket, deadline, budget);
                    !header.isEmpty();
                    header = line(in, socket, deadline, budget)) {
                int colon = header.indexOf(':');
                if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    try {
                        length = Long.parseLong(header.substring(colon + 1).trim());
                    } catch (NumberFormatException e) {
                        throw new OutboundException(Failure.BAD_ANSWER);
                    }
                }
            }
            if (code >= 200 || code == 101) { // 100 Continue, 103 Early Hints: the real answer follows
                if (length < 0 || length > budget[0]) {
                    return new Answer(code, length > budget[0]); // unknown or too long: never read
                }
                for (long left = length; left > 0; left--) {
                    socket.setSoTimeout(remaining(deadline));
                    if (in.read() < 0) {
                        break;
                    }
                }
                return new Answer(code, false);
            }
        }
    }

    private static String line(InputStream in, Socket socket, long deadline, int[] budget)
            throws IOException, OutboundException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (budget[0]-- <= 0) {
                throw new OutboundException(Failure.TOO_LARGE);
            }
            socket.setSoTimeout(remaining(deadline));
            int c = in.read();
            if (c < 0) {
                throw new OutboundException(Failure.BAD_ANSWER);
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
    }
}
