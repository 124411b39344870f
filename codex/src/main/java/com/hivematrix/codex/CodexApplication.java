package com.hivematrix.codex;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Codex: the platform's data service (companies, contacts, assets, tickets, agents, billing plans). */
@SpringBootApplication
public class CodexApplication {

    public static void main(String[] args) {
        SpringApplication.run(CodexApplication.class, args);
    }
}
