package com.hivematrix.helm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Helm: central logs, service status and metrics, security audit (127.0.0.1:5004). */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(HelmProperties.class)
public class HelmApplication {

    public static void main(String[] args) {
        SpringApplication.run(HelmApplication.class, args);
    }
}
