package com.hivematrix.brainhair.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * POSTs a streaming request and reads the server-sent events back. Retries rate limits, overload
 * and connection failures (with back-off, honouring Retry-After up to a cap) only before any
 * event arrived, so a retried call never duplicates streamed text.
 */
@Component
public class SseTransport {

    private static final Logger log = LoggerFactory.getLogger(SseTransport.class);
    private static final long MAX_RETRY_AFTER_MS = 20_000;

    public interface EventHandler {
        /** @return false to stop reading (the provider's end-of-stream event). */
        boolean onEvent(String event, String data);
    }

    public void post(ModelConnection c, String path, Map<String, String> headers, String body, StreamSink sink, EventHandler handler) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(c.connectTimeout()).build();
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(c.url(path))).timeout(c.timeout())
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(rb::header);
        HttpRequest request = rb.build();
        int attempt = 0;
        while (true) {
            if (sink.cancelled()) {
                throw new ModelException(ModelException.Kind.CANCELLED, "Response stopped by user.");
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw new ModelException(ModelException.Kind.TIMEOUT, "The model did not answer within " + c.timeout().toSeconds() + " s.", e);
            } catch (ConnectException e) {
                if (attempt++ < c.maxRetries()) {
                    backOff(attempt, null);
                    continue;
                }
                throw new ModelException(ModelException.Kind.UNAVAILABLE, "The model endpoint could not be reached.", e);
            } catch (IOException e) {
                throw new ModelException(ModelException.Kind.UNAVAILABLE, "The model connection failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException(ModelException.Kind.CANCELLED, "Response stopped by user.", e);
            }
            int status = response.statusCode();
            if (status == 200) {
                read(response.body(), sink, handler);
                return;
            }
            String error = drain(response.body());
            boolean retryable = status == 429 || status == 500 || status == 502 || status == 503 || status == 529;
            if (retryable && attempt++ < c.maxRetries()) {
                backOff(attempt, response.headers().firstValue("retry-after").orElse(null));
                continue;
            }
            log.warn("Model call failed with HTTP {}: {}", status, error.length() > 300 ? error.substring(0, 300) : error);
            if (status == 429) {
                throw new ModelException(ModelException.Kind.RATE_LIMITED, "The model provider is rate limiting requests; try again shortly.");
            }
            if (status == 401 || status == 403) {
                throw new ModelException(ModelException.Kind.REJECTED, "The model provider refused the configured API key (HTTP " + status + ").");
            }
            if (status >= 500) {
                throw new ModelException(ModelException.Kind.UNAVAILABLE, "The model provider failed (HTTP " + status + ").");
            }
            throw new ModelException(ModelException.Kind.REJECTED, "The model provider rejected the request (HTTP " + status + ").");
        }
    }

    private static void read(InputStream body, StreamSink sink, EventHandler handler) {
        sink.streaming(body);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (sink.cancelled()) {
                    throw new ModelException(ModelException.Kind.CANCELLED, "Response stopped by user.");
                }
                if (line.isEmpty()) {
                    if (data.length() > 0 && !handler.onEvent(event, data.toString())) {
                        return;
                    }
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
            if (data.length() > 0) {
                handler.onEvent(event, data.toString());
            }
        } catch (IOException e) {
            if (sink.cancelled()) {
                throw new ModelException(ModelException.Kind.CANCELLED, "Response stopped by user.", e);
            }
            throw new ModelException(ModelException.Kind.UNAVAILABLE, "The model stream broke off: " + e.getMessage(), e);
        }
    }

    private static String drain(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void backOff(int attempt, String retryAfter) {
        long ms = 500L * (1L << Math.min(attempt, 5));
        if (retryAfter != null) {
            try {
                ms = Math.min(MAX_RETRY_AFTER_MS, Long.parseLong(retryAfter.trim()) * 1000);
            } catch (NumberFormatException e) {
                // an HTTP-date: keep the exponential delay
            }
        }
        // a plain park, interruptible by the stop button through the turn's thread
        LockSupport.parkNanos(Duration.ofMillis(ms).toNanos());
    }
}
