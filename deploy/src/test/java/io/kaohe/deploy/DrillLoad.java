package io.kaohe.deploy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * A steady load for a reliability drill: one person's requests through the balancer, one after the
 * other on a thread of its own, until stopped; every answer tallied by status, and every answer that
 * is neither a success nor an RFC 9457 problem detail kept aside (a stack trace, an HTML error page).
 */
final class DrillLoad implements AutoCloseable {

    private final IntFunction<HttpRequest> request;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<String, Integer> problems = new TreeMap<>();
    private final Thread thread;
    private int sent;
    private int notProblems;
    private long slowestMillis;
    private String firstNotProblem;

    /** Starts sending {@code request.apply(n)} for n = 0, 1, 2 … */
    DrillLoad(String name, IntFunction<HttpRequest> request) {
        this.request = request;
        this.thread = new Thread(this::run, "drill-load-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A JSON request with the person's token, sent to the balancer. */
    static HttpRequest json(String method, String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept-Language", "en")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private void run() {
        while (running.get()) {
            int n;
            synchronized (this) {
                n = sent++;
            }
            int status;
            String body;
            String contentType;
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = RunningPlatform.HTTP.send(request.apply(n), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                body = response.body();
                contentType = response.headers().firstValue("Content-Type").orElse("");
            } catch (Exception e) {
                status = -1; // no answer at all (connection refused or reset, timed out)
                body = e.toString();
                contentType = "";
            }
            synchronized (this) {
                slowestMillis = Math.max(slowestMillis, (System.nanoTime() - started) / 1_000_000);
                statuses.merge(status, 1, Integer::sum);
                if (status < 200 || status >= 300) {
                    if (contentType.startsWith("application/problem+json")) {
                        problems.merge(status + " " + code(body), 1, Integer::sum);
                    } else {
                        notProblems++;
                        if (firstNotProblem == null) {
                            firstNotProblem = status + " " + contentType + " " + body.substring(0, Math.min(300, body.length()));
                        }
                    }
                }
            }
        }
    }

    private static String code(String problem) {
        int at = problem.indexOf("\"code\":\"");
        return at < 0 ? "(no code)" : problem.substring(at + 8, problem.indexOf('"', at + 8));
    }

    /** Stops after the request under way. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(Duration.ofSeconds(120).toMillis());
    }

    synchronized int count(int status) {
        return statuses.getOrDefault(status, 0);
    }

    synchronized int sent() {
        return sent;
    }

    /** The longest a request waited for its answer. */
    synchronized long slowestMillis() {
        return slowestMillis;
    }

    synchronized int notProblems() {
        return notProblems;
    }

    @Override
    public synchronized String toString() {
        return "statuses " + statuses + (problems.isEmpty() ? "" : ", problems " + problems)
                + (notProblems == 0 ? "" : ", " + notProblems + " not a problem detail, e.g. " + firstNotProblem);
    }
}
