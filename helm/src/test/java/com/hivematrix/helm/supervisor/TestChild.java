package com.hivematrix.helm.supervisor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.sun.net.httpserver.HttpServer;

/**
 * The "service" the supervisor tests run as real child processes: records each start (pid and
 * time) in a file, serves /health on a port (503 while the unhealthy flag file exists), and can
 * start a grandchild process so a test can check that whole trees are stopped.
 * Arguments: PORT STARTS_FILE [UNHEALTHY_FLAG_FILE|-] [GRANDCHILD_PID_FILE|-]
 */
public final class TestChild {

    private TestChild() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path starts = Path.of(args[1]);
        Path unhealthyFlag = args.length > 2 && !"-".equals(args[2]) ? Path.of(args[2]) : null;
        Path grandchildPid = args.length > 3 && !"-".equals(args[3]) ? Path.of(args[3]) : null;
        append(starts, ProcessHandle.current().pid() + " " + System.currentTimeMillis() + "\n");
        if (grandchildPid != null) {
            Process sleeper = new ProcessBuilder("sleep", "600").start();
            Files.writeString(grandchildPid, Long.toString(sleeper.pid()));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", exchange -> {
            boolean healthy = unhealthyFlag == null || !Files.exists(unhealthyFlag);
            byte[] body = ("{\"status\":\"" + (healthy ? "healthy" : "unhealthy") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("test child listening on " + port);
    }

    private static synchronized void append(Path file, String line) throws IOException {
        Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
