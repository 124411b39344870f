package com.hivematrix.shared.db;

import javax.sql.DataSource;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Creates the service's own PostgreSQL database on first start, so a fresh machine needs nothing
 * but a reachable server: before the first {@link DataSource} bean is initialised (and therefore
 * before Flyway or JPA touch it) the server's {@code postgres} maintenance database is asked,
 * with the same credentials, to {@code CREATE DATABASE <name>} if it does not exist.
 * <p>
 * Active only when {@code spring.datasource.url} is a {@code jdbc:postgresql://} URL and
 * {@code hivematrix.db.create-if-missing} is true (the default). The database name must match
 * {@code ^[a-z_][a-z0-9_]*$}; anything else is refused rather than quoted.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "hivematrix.db", name = "create-if-missing", havingValue = "true", matchIfMissing = true)
@Conditional(OnPostgresqlUrlCondition.class)
public class DatabaseProvisioning {

    @Bean
    static BeanPostProcessor hivematrixDatabaseProvisioner(Environment env) {
        return new Provisioner(env);
    }

    static final class Provisioner implements BeanPostProcessor, PriorityOrdered {

        private final Environment env;
        private volatile boolean done;

        Provisioner(Environment env) {
            this.env = env;
        }

        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
            if (!done && bean instanceof DataSource) {
                synchronized (this) {
                    if (!done) {
                        DatabaseProvisioner.createIfMissing(env.getProperty("spring.datasource.url"),
                                env.getProperty("spring.datasource.username"),
                                env.getProperty("spring.datasource.password"));
                        done = true;
                    }
                }
            }
            return bean;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
