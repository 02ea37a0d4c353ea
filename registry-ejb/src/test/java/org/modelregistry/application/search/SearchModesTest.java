package org.modelregistry.application.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.RegistryException;
import org.modelregistry.api.problem.ServiceUnavailableException;
import org.modelregistry.api.search.SearchRequest;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.infrastructure.config.ApiSettings;
import org.modelregistry.infrastructure.search.SearchIndex;

/**
 * The rules of {@code mode} that hold before the index is asked: a semantic search while the embedding model loads is
 * 503 with a retry time (the window is too short after a start for the integration tests to see it), and bad modes,
 * a semantic search without words or sorted otherwise than by relevance, or with semantic search off, are 422s naming
 * the field.
 */
class SearchModesTest {

    private static SearchServiceBean service(boolean enabled, boolean ready) {
        SearchServiceBean s = new SearchServiceBean();
        s.index = new SearchIndex() {
            @Override
            public boolean semanticEnabled() {
                return enabled;
            }

            @Override
            public boolean semanticReady() {
                return ready;
            }
        };
        s.caller = new CurrentCaller() {
            @Override
            public Caller get() {
                return new Caller("admin", true, Map.of());
            }
        };
        s.settings = new ApiSettings() {
            @Override
            public int maxPageSize() {
                return 100;
            }

            @Override
            public int defaultPageSize() {
                return 50;
            }
        };
        return s;
    }

    private static SearchRequest request(String q, String sort, String mode) {
        return new SearchRequest(q, null, null, null, null, null, null, null, null, null, null, sort, null, null, mode);
    }

    private static String field(RegistryException e) {
        return e.errors().stream().map(FieldError::field).findFirst().orElse(null);
    }

    @Test
    void aSemanticSearchWhileTheModelLoadsIs503WithRetryAfter() {
        assertThatThrownBy(() -> service(true, false).search(request("fraud", null, "semantic")))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.retryAfterSeconds()).isEqualTo(SearchServiceBean.RETRY_AFTER_SECONDS);
                    assertThat(e.extensions()).containsEntry("retryAfterSeconds", 5L);
                });
    }

    @Test
    void badModesAndSemanticSearchesWithoutWordsAre422sNamingTheField() {
        SearchServiceBean s = service(true, true);
        assertThatThrownBy(() -> s.search(request("fraud", null, "telepathic")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(field(e)).isEqualTo("mode"));
        // U+FFFD is what a malformed percent-escape decodes to: nothing the tokenizer keeps, so no meaning (FuzzIT)
        for (String q : new String[] {null, "", "  ", "metadata.framework:pytorch", "\ufffd\ufffd", "\u200b\u0001"}) {
            assertThatThrownBy(() -> s.search(request(q, null, "semantic")))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(field(e)).isEqualTo("q"));
        }
        assertThatThrownBy(() -> s.search(request("fraud", "name", "semantic")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(field(e)).isEqualTo("sort"));
        assertThatThrownBy(() -> service(false, false).search(request("fraud", null, "SEMANTIC")))
                .as("off on this server, whatever the case of the mode")
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(field(e)).isEqualTo("mode"));
    }
}
