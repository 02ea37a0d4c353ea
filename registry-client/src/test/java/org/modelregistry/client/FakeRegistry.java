package org.modelregistry.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A registry played by the JDK's HTTP server: handlers per "METHOD /api/v1/path", every request recorded. */
public final class FakeRegistry implements AutoCloseable {

    /** One request as it arrived. */
    public record Seen(String method, String path, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** Answers one request; {@code n} counts the requests to that route, from 1. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange, byte[] body, int n) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    public final List<Seen> seen = new CopyOnWriteArrayList<>();

    public FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String key = exchange.getRequestMethod() + " " + path;
            seen.add(new Seen(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
            Handler h = routes.get(key);
            try {
                if (h == null) {
                    json(exchange, 404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}");
                } else {
                    h.handle(exchange, body, counts.merge(key, 1, Integer::sum));
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeRegistry on(String methodAndPath, Handler handler) {
        String[] parts = methodAndPath.split(" ", 2);
        routes.put(parts[0] + " /api/v1/" + parts[1], handler);
        return this;
    }

    public List<Seen> seen(String methodAndPath) {
        String[] parts = methodAndPath.split(" ", 2);
        return seen.stream()
                .filter(s -> s.method().equals(parts[0]) && s.path().equals("/api/v1/" + parts[1]))
                .toList();
    }

    public static void json(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Answers a token for any credentials: {@code token} valid {@code seconds}. */
    public static Handler token(String token, long seconds) {
        return (exchange, body, n) -> json(
                exchange,
                200,
                "{\"access_token\":\"" + token + n + "\",\"token_type\":\"Bearer\",\"expires_in\":" + seconds + "}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
