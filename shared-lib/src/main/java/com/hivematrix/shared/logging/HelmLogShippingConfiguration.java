package com.hivematrix.shared.logging;

import java.nio.file.Path;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.client.RestClient;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

import com.hivematrix.shared.client.HivematrixClientConfiguration;
import com.hivematrix.shared.client.ServiceTokenProvider;
import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;

/**
 * Attaches {@link HelmLogShipper} to the root logger once the service is up (it needs the
 * registry and a service token), and detaches it, flushing, on shutdown. Helm itself does not ship.
 */
@AutoConfiguration(after = HivematrixClientConfiguration.class)
@ConditionalOnProperty(prefix = "hivematrix.logs", name = "ship-to-helm", havingValue = "true", matchIfMissing = true)
public class HelmLogShippingConfiguration {

    @Bean
    HelmLogShipperLifecycle helmLogShipperLifecycle(HivematrixProperties props, ServiceRegistry registry,
            @Qualifier("hivematrix") RestClient.Builder builder, ServiceTokenProvider tokens,
            @Value("${server.port:0}") int port) {
        return new HelmLogShipperLifecycle(props, registry, builder, tokens, port);
    }

    public static class HelmLogShipperLifecycle {

        private final HivematrixProperties props;
        private final ServiceRegistry registry;
        private final RestClient.Builder builder;
        private final ServiceTokenProvider tokens;
        private final int port;
        private HelmLogShipper shipper;

        HelmLogShipperLifecycle(HivematrixProperties props, ServiceRegistry registry, RestClient.Builder builder,
                ServiceTokenProvider tokens, int port) {
            this.props = props;
            this.port = port;
            this.registry = registry;
            this.builder = builder;
            this.tokens = tokens;
        }

        @EventListener(ApplicationReadyEvent.class)
        public synchronized void attach() {
            if (shipper != null || "helm".equals(props.getServiceName()) || !registry.contains("helm")) {
                return;
            }
            HivematrixProperties.Logs logs = props.getLogs();
            // replicas of one service share the home: each spools under its own port so none ships or overwrites another's batches
            boolean replicated = registry.find(props.getServiceName()).map(ServiceInfo::replicated).orElse(false);
            Path spoolDir = logs.getSpoolDir() != null ? logs.getSpoolDir()
                    : props.getHome().resolve("var/spool").resolve(props.getServiceName() + (replicated ? "-" + port : ""));
            RestClient helm = builder.clone().baseUrl(registry.require("helm").url()).build();
            shipper = new HelmLogShipper(props.getServiceName(), helm, () -> tokens.tokenFor("helm"),
                    new LogBatchSpool(spoolDir, logs.getSpoolMaxBytes()), logs.getBatchSize(), logs.getFlushInterval(),
                    logs.getQueueCapacity());
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            shipper.setContext(context);
            shipper.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(shipper);
        }

        @EventListener(ContextClosedEvent.class)
        public synchronized void detach() {
            if (shipper == null) {
                return;
            }
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(shipper);
            shipper.stop();
            shipper = null;
        }

        /** The running shipper, for metrics and tests; null before start-up or when Helm is absent. */
        public synchronized HelmLogShipper shipper() {
            return shipper;
        }
    }
}
