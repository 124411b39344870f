package com.hivematrix.helm.supervisor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** For processes without an HTTP health endpoint (e.g. a database): the port accepts connections. */
public record TcpHealthProbe(String host, int port) implements HealthProbe {

    @Override
    public Result check() {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return new Result(true, (System.nanoTime() - start) / 1_000_000, "port " + port + " open");
        } catch (IOException e) {
            return new Result(false, (System.nanoTime() - start) / 1_000_000, "port " + port + ": " + e.getMessage());
        }
    }
}
