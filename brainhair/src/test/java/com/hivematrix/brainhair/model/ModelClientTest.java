package com.hivematrix.brainhair.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.hivematrix.brainhair.model.ModelConnection.Provider;
import com.hivematrix.brainhair.support.ModelScript;
import com.hivematrix.brainhair.support.ModelScript.Format;
import com.hivematrix.brainhair.support.ModelScript.Reply;

import tools.jackson.databind.json.JsonMapper;

/** The provider clients alone against WireMock: parsing both formats, retries, refusals, timeouts. */
class ModelClientTest {

    static final WireMockServer WM = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        WM.start();
    }

    final SseTransport transport = new SseTransport();
    final StringBuilder streamed = new StringBuilder();
    final StreamSink sink = new StreamSink() {
        public void text(String delta) { streamed.append(delta); }
        public boolean cancelled() { return false; }
        public void streaming(Closeable body) { }
    };

    @AfterAll
    static void stop() {
        WM.stop();
    }

    @BeforeEach
    void reset() {
        WM.resetAll();
    }

    ModelConnection connection(Provider p, int retries, Duration timeout) {
        return new ModelConnection(p, WM.baseUrl() + (p == Provider.OPENAI ? "/v1" : ""), "m", "k", timeout, Duration.ofSeconds(2), retries, 1024);
    }

    Conversation.Request request() {
        return new Conversation.Request("system", new java.util.ArrayList<>(List.of(new Conversation.UserTurn("hi"))), List.of());
    }

    @Test
    void bothFormatsYieldTextAndToolCallsWithTheirArguments() {
        String args = "{\"account_number\":\"100200\",\"per_user_cost\":130}";
        WM.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(ModelScript.body(Format.ANTHROPIC, Reply.tool("On it.", "toolu_9", "update_billing_rates", args)))));
        Conversation.Reply a = new AnthropicClient(transport, JSON).stream(connection(Provider.ANTHROPIC, 0, Duration.ofSeconds(10)), request(), sink);
        assertThat(a.text()).isEqualTo("On it.");
        assertThat(streamed).hasToString("On it.");
        assertThat(a.stopReason()).isEqualTo("tool_use");
        assertThat(a.calls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("toolu_9");
            assertThat(c.name()).isEqualTo("update_billing_rates");
            assertThat(c.arguments().path("per_user_cost").asInt()).isEqualTo(130);
        });

        WM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(ModelScript.body(Format.OPENAI, Reply.tool(null, "call_9", "get_billing", "{\"account_number\":\"100300\"}")))));
        Conversation.Reply o = new OpenAiClient(transport, JSON).stream(connection(Provider.OPENAI, 0, Duration.ofSeconds(10)), request(), sink);
        assertThat(o.stopReason()).isEqualTo("tool_calls");
        assertThat(o.calls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("call_9");
            assertThat(c.arguments().path("account_number").asString()).isEqualTo("100300");
        });
    }

    @Test
    void overloadIsRetriedBeforeStreamingStarts() {
        WM.stubFor(post(urlEqualTo("/v1/messages")).inScenario("retry").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(529).withHeader("retry-after", "0").withBody("{\"type\":\"error\"}")));
        WM.stubFor(post(urlEqualTo("/v1/messages")).inScenario("retry").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                        .withBody(ModelScript.body(Format.ANTHROPIC, Reply.text("Second time lucky.")))));
        Conversation.Reply r = new AnthropicClient(transport, JSON).stream(connection(Provider.ANTHROPIC, 1, Duration.ofSeconds(10)), request(), sink);
        assertThat(r.text()).isEqualTo("Second time lucky.");
        WM.verify(2, postRequestedFor(urlEqualTo("/v1/messages")));
    }

    @Test
    void aRefusedKeyAndASilentServerAreClearErrors() {
        WM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"message\":\"bad key\"}}")));
        assertThatThrownBy(() -> new OpenAiClient(transport, JSON).stream(connection(Provider.OPENAI, 2, Duration.ofSeconds(10)), request(), sink))
                .isInstanceOf(ModelException.class).hasMessage("The model provider refused the configured API key (HTTP 401).")
                .satisfies(e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.REJECTED));
        WM.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));

        WM.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200).withFixedDelay(5000)));
        assertThatThrownBy(() -> new AnthropicClient(transport, JSON).stream(connection(Provider.ANTHROPIC, 0, Duration.ofSeconds(1)), request(), sink))
                .isInstanceOf(ModelException.class).hasMessage("The model did not answer within 1 s.");
    }
}
