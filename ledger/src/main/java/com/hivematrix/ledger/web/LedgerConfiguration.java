package com.hivematrix.ledger.web;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.hivematrix.ledger.LedgerProperties;
import com.hivematrix.ledger.engine.BillingEngine;

@Configuration
public class LedgerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    BillingEngine billingEngine(LedgerProperties props) {
        return new BillingEngine(props.rules().toRules());
    }
}
