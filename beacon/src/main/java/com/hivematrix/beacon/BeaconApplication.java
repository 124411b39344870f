package com.hivematrix.beacon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Beacon: the live ticket dashboard and TV display. No database; everything comes from Codex. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BeaconApplication {

    public static void main(String[] args) {
        SpringApplication.run(BeaconApplication.class, args);
    }
}
