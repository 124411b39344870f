package com.hivematrix.shared.db;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code spring.datasource.url} points at a PostgreSQL server. */
class OnPostgresqlUrlCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty("spring.datasource.url");
        return url != null && url.startsWith("jdbc:postgresql://");
    }
}
