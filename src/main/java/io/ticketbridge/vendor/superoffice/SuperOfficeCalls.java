package io.ticketbridge.vendor.superoffice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.vendor.RetryPolicy;
import io.ticketbridge.vendor.VendorCallException;
import io.ticketbridge.vendor.VendorHttp;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** JSON calls with SuperOffice's error envelope turned into one {@link VendorCallException}, and binary downloads. */
final class SuperOfficeCalls {
    static final String JSON = "application/json; charset=utf-8";

    private SuperOfficeCalls() {
    }

    /** POSTs a JSON body to an Agents method; the parsed answer (null for 204). */
    static JsonNode post(VendorHttp http, Map<String, String> headers, String path, Object body, String what) {
        return post(http, headers, path, null, body, what);
    }

    static JsonNode post(VendorHttp http, Map<String, String> headers, String path, Map<String, String> query, Object body,
                         String what) {
        String json;
        try {
            json = body instanceof String s ? s : TicketJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        VendorHttp.Response r = http.call("POST", path, query, headers, JSON, json);
        if (!r.ok()) throw new VendorCallException(http.vendor(), r.status(), errorText(what, r), r.header("Retry-After"));
        return r.body().isBlank() ? null : parse(http, what, r.body());
    }

    static JsonNode get(VendorHttp http, Map<String, String> headers, String path, Map<String, String> query, String what) {
        VendorHttp.Response r = http.get(path, query, headers);
        if (!r.ok()) throw new VendorCallException(http.vendor(), r.status(), errorText(what, r), r.header("Retry-After"));
        return parse(http, what, r.body());
    }

    static JsonNode parse(VendorHttp http, String what, String body) {
        try {
            return TicketJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            // a cut-off body is a transport problem (status 0: worth a retry), not a mapping one
            throw new VendorCallException(http.vendor(), what + ": answer is not valid JSON (" + body.length() + " chars)", e);
        }
    }

    /** "GET /api/v1/Ticket/7: SoNotFoundException: Ticket id 7 not found" from SuperOffice's error envelope. */
    static String errorText(String what, VendorHttp.Response r) {
        String body = r.body() == null ? "" : r.body().strip();
        try {
            JsonNode e = TicketJson.mapper().readTree(body);
            if (e != null && e.isObject() && e.hasNonNull("ErrorMessage")) {
                String type = e.path("ErrorType").asText("");
                return what + ": " + (type.isBlank() ? "" : type + ": ") + e.get("ErrorMessage").asText();
            }
        } catch (JsonProcessingException ignored) {
            // not the envelope (a proxy's HTML page, say): show the start of it
        }
        return what + ": " + (body.isEmpty() ? "empty answer" : abbreviate(body));
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    /** A binary answer: its bytes and content type. */
    record Binary(byte[] bytes, String contentType) {
    }

    /**
     * POSTs JSON and returns the raw bytes. {@link VendorHttp.Response} carries the body as a String, which would
     * corrupt binary content, so this goes through camel-http directly — same endpoint form, same headers, the same
     * {@link RetryPolicy} and retry predicate as {@link VendorHttp}.
     */
    static Binary postForBytes(CamelContext camel, VendorHttp http, String baseUrl, Map<String, String> headers,
                               String path, String json, String what) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String uri = base + "?throwExceptionOnFailure=false";
        ProducerTemplate template = camel.createProducerTemplate();
        try {
            RetryPolicy retry = http.retry();
            for (int attempt = 1; ; attempt++) {
                Exchange result = template.request(uri, ex -> {
                    ex.getIn().removeHeaders("*");
                    ex.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
                    ex.getIn().setHeader(Exchange.HTTP_PATH, path);
                    headers.forEach(ex.getIn()::setHeader);
                    ex.getIn().setHeader("Accept", "application/octet-stream, */*");
                    ex.getIn().setHeader(Exchange.CONTENT_TYPE, JSON);
                    ex.getIn().setBody(json);
                });
                int status;
                byte[] bytes;
                String type;
                Map<String, String> respHeaders = new LinkedHashMap<>();
                if (result.getException() != null) {
                    status = 0;
                    bytes = new byte[0];
                    type = null;
                } else {
                    var out = result.getMessage();
                    Integer code = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
                    status = code == null ? 0 : code;
                    bytes = out.getBody(byte[].class);
                    type = out.getHeader(Exchange.CONTENT_TYPE, String.class);
                    out.getHeaders().forEach((k, v) -> {
                        if (v != null && !k.startsWith("Camel")) respHeaders.put(k.toLowerCase(Locale.ROOT), v.toString());
                    });
                }
                if (bytes == null) bytes = new byte[0];
                if (status >= 200 && status < 300) return new Binary(bytes, type);
                VendorHttp.Response r = new VendorHttp.Response(status, respHeaders,
                        new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                boolean again = attempt < retry.maxAttempts() && (status == 0 || RetryPolicy.transientStatus(status));
                if (!again) {
                    if (status == 0) {
                        throw new VendorCallException(http.vendor(), what + ": " + result.getException().getClass().getSimpleName(),
                                result.getException());
                    }
                    throw new VendorCallException(http.vendor(), status, errorText(what, r), r.header("Retry-After"));
                }
                try {
                    Thread.sleep(retry.delay(attempt, r.header("Retry-After")).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VendorCallException(http.vendor(), what + ": interrupted while waiting to retry", e);
                }
            }
        } finally {
            try {
                template.stop();
            } catch (RuntimeException ignored) {
                // closing a template never fails a download
            }
        }
    }
}
