package com.hivematrix.brainhair.chat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class ChatConfiguration {

    /** Turns run here, off the request thread; a full queue refuses new messages instead of piling up. */
    @Bean(name = "turnExecutor", destroyMethod = "shutdownNow")
    ExecutorService turnExecutor() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(4, 16, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "brainhair-turn-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
