package io.ticketbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One request to a simulator, with the parsing every vendor needs (query, JSON, url-encoded and multipart forms). */
public final class SimExchange {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HttpExchange http;
    private final Map<String, String> pathParams;
    private final byte[] body;
    private final boolean malformed;
    private boolean answered;
    private boolean cut;
    /** Set when this answer is to be lost: {@link #send} then only holds it, {@link #loseHeldAnswer} loses it. */
    private Faults.LostAnswerMode lose;
    private int heldStatus;
    private String heldType;
    private byte[] held;
    /** Run once the answer is ready, before a byte of it is sent (the server's in-flight count). */
    private Runnable answering = () -> { };

    SimExchange(HttpExchange http, Map<String, String> pathParams, boolean malformed) throws IOException {
        this.http = http;
        this.pathParams = pathParams;
        this.body = http.getRequestBody().readAllBytes();
        this.malformed = malformed;
    }

    public String method() {
        return http.getRequestMethod();
    }

    public String path() {
        return http.getRequestURI().getPath();
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** Request header, case-insensitive; null when absent. */
    public String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The JSON body, or null when the body is empty. Throws {@link IllegalArgumentException} when it is not JSON. */
    public JsonNode json() {
        if (body.length == 0) return null;
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not valid JSON: " + e.getMessage());
        }
    }

    /** Query parameters (first value each); {@code status_id[]=1&status_id[]=2} appear under {@link #queryAll}. */
    public Map<String, String> query() {
        Map<String, String> out = new LinkedHashMap<>();
        queryAll().forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    public Map<String, List<String>> queryAll() {
        return parseUrlEncoded(http.getRequestURI().getRawQuery());
    }

    /** Form fields from an url-encoded or multipart/form-data body (the two ways Keliweb's samples post). */
    public Map<String, String> form() {
        String type = header("Content-Type");
        Map<String, String> out = new LinkedHashMap<>();
        if (type != null && type.toLowerCase().startsWith("multipart/form-data")) {
            Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
            if (m.find()) return parseMultipart(m.group(1));
            // a multipart header without a boundary: PHP's http_build_query body sent under a multipart header
        }
        parseUrlEncoded(bodyText()).forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    private Map<String, String> parseMultipart(String boundary) {
        Map<String, String> out = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.ISO_8859_1); // byte-preserving
        for (String part : text.split("--" + Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) continue;
            String headers = part.substring(0, split);
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            if (!name.find()) continue;
            String value = part.substring(split + 4);
            if (value.endsWith("\r\n")) value = value.substring(0, value.length() - 2);
            out.put(name.group(1), new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static Map<String, List<String>> parseUrlEncoded(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    public void json(int status, Object value) throws IOException {
        byte[] bytes = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(value);
        send(status, "application/json; charset=utf-8", bytes);
    }

    public void header(String name, String value) {
        http.getResponseHeaders().add(name, value);
    }

    public void send(int status, String contentType, byte[] bytes) throws IOException {
        if (answered) throw new IllegalStateException("already answered");
        answered = true;
        answering.run();
        if (malformed && status < 300) {
            // fault injection: a body cut in half, as a proxy dropping mid-stream would leave it
            bytes = java.util.Arrays.copyOf(bytes, Math.max(1, bytes.length / 2));
            cut = true;
        }
        if (lose != null) {
            heldStatus = status;
            heldType = contentType;
            held = bytes;
            return;
        }
        if (contentType != null) http.getResponseHeaders().set("Content-Type", contentType);
        if (status == 204 || status == 304) {
            http.sendResponseHeaders(status, -1);
        } else {
            http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream os = http.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    public boolean answered() {
        return answered;
    }

    /** True when the malformed fault cut this answer's body. */
    boolean cut() {
        return cut;
    }

    void onAnswering(Runnable r) {
        this.answering = r;
    }

    /** From now on the answer is held, not sent: the handler runs to its end, then {@link #loseHeldAnswer}. */
    void loseAnswer(Faults.LostAnswerMode mode) {
        this.lose = mode;
    }

    /**
     * Loses the held answer and says how: TRUNCATE sends the status, the headers (with the whole body's
     * Content-Length) and half the body, and leaves the rest owed, so closing the exchange closes the connection
     * mid-body; DROP (and TRUNCATE of an empty body, which has nothing to cut) sends nothing, so closing the
     * exchange closes the connection before any status line. Null when no answer was to be lost.
     */
    Faults.LostAnswerMode loseHeldAnswer() throws IOException {
        if (lose == null) return null;
        boolean hasBody = held != null && held.length > 0 && heldStatus != 204 && heldStatus != 304;
        if (lose == Faults.LostAnswerMode.TRUNCATE && hasBody) {
            if (heldType != null) http.getResponseHeaders().set("Content-Type", heldType);
            http.sendResponseHeaders(heldStatus, held.length);
            OutputStream os = http.getResponseBody();
            os.write(held, 0, held.length / 2);
            os.flush(); // not closed: the stream still owes bytes, which is what makes the server drop the connection
            return Faults.LostAnswerMode.TRUNCATE;
        }
        return Faults.LostAnswerMode.DROP;
    }
}
