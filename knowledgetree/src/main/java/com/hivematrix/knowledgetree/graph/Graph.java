package com.hivematrix.knowledgetree.graph;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.hivematrix.shared.problem.ProblemException;

/**
 * Every Cypher call goes through here: one managed transaction per call (a write either fully
 * commits or leaves nothing), schema ensured first, and an unreachable Neo4j turned into a 503
 * problem instead of a 500. Nothing is cached, so the next request after Neo4j returns works.
 */
@Component
public class Graph {

    private final Driver driver;
    private final GraphSchema schema;

    public Graph(Driver driver, GraphSchema schema) {
        this.driver = driver;
        this.schema = schema;
    }

    public <T> T read(TransactionCallback<T> work) {
        return run(true, work);
    }

    public <T> T write(TransactionCallback<T> work) {
        return run(false, work);
    }

    /** Runs the work in a transaction that is always rolled back: dry runs of imports. */
    @SuppressWarnings("unchecked")
    public <T> T rehearse(TransactionCallback<T> work) {
        try {
            return write(tx -> {
                throw new Rehearsed(work.execute(tx));
            });
        } catch (Rehearsed r) {
            return (T) r.result;
        }
    }

    /** Thrown out of a managed transaction so the driver rolls it back; carries the result. */
    private static final class Rehearsed extends RuntimeException {
        private final transient Object result;

        Rehearsed(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private <T> T run(boolean readOnly, TransactionCallback<T> work) {
        try {
            schema.ensure();
            try (Session session = driver.session()) {
                return readOnly ? session.executeRead(work) : session.executeWrite(work);
            }
        } catch (ServiceUnavailableException | SessionExpiredException | AuthenticationException e) {
            throw unavailable(e);
        } catch (ClientException e) {
            // pool exhausted or connection not established in time: Neo4j overloaded, not a bad request
            if (e.getMessage() != null && e.getMessage().startsWith("Unable to acquire connection")) {
                throw unavailable(e);
            }
            throw e;
        }
    }

    static ProblemException unavailable(Exception cause) {
        ProblemException e = new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                "The knowledge base database (Neo4j) is unavailable; try again shortly", cause).with("retry_after", 5);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return e;
    }
}
