package org.modelregistry.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestSyntaxTest {

    @Test
    void wellFormedTargetsDecode() {
        assertThat(RequestSyntax.decodes(null)).isTrue();
        assertThat(RequestSyntax.decodes("cursor=abc&limit=5")).isTrue();
        assertThat(RequestSyntax.decodes("q=gr%C3%BC%C3%9Fe+%2F")).isTrue();
        assertThat(RequestSyntax.decodes("/api/v1/models/%7Bid%7D")).isTrue();
    }

    @Test
    void malformedPercentEncodingsDoNot() {
        assertThat(RequestSyntax.decodes("cursor=%%%")).isFalse();
        assertThat(RequestSyntax.decodes("x=%")).isFalse();
        assertThat(RequestSyntax.decodes("x=%z1")).isFalse();
        assertThat(RequestSyntax.decodes("x=%4")).isFalse();
        assertThat(RequestSyntax.decodes("/api/v1/models/%C3%28"))
                .as("not UTF-8")
                .isFalse();
        assertThat(RequestSyntax.decodes("q=%E0%A4%A")).isFalse();
    }

    @Test
    void theMalformedPartIsNamed() {
        assertThat(ErrorPageServlet.malformedPart("/api/v1/models/%zz", "cursor=%%%"))
                .isEqualTo("path");
        assertThat(ErrorPageServlet.malformedPart("/api/v1/models", "cursor=%%%"))
                .isEqualTo("query");
        assertThat(ErrorPageServlet.malformedPart("/api/v1/models", "cursor=ok"))
                .isNull();
    }

    @Test
    void onlyArtifactContentUploadsEscapeTheBodyCap() {
        assertThat(BodyLimitFilter.isContentUpload("PUT", "/v1/models/a/versions/1.0.0/artifacts/b/content"))
                .isTrue();
        assertThat(BodyLimitFilter.isContentUpload("POST", "/v1/models/a/versions/1.0.0/artifacts/b/content"))
                .isFalse();
        assertThat(BodyLimitFilter.isContentUpload("PUT", "/v1/models/a/aliases/production"))
                .isFalse();
        // an alias (or anything else) named "content" is a JSON body like any other, capped
        assertThat(BodyLimitFilter.isContentUpload("PUT", "/v1/models/a/aliases/content"))
                .isFalse();
        assertThat(BodyLimitFilter.isContentUpload("PUT", "v1/models/a/versions/1.0.0/artifacts/b/content"))
                .isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "q=fraud&limit=10",
                "/api/v1/models/a%20b",
                "q=%C3%A9t%C3%A9",
                "q=%e2%82%ac",
                "%41",
                "q=caf\u00e9" // an unencoded non-ASCII character is the container's business, not malformed
            })
    void everyCleanlyDecodingTargetPasses(String raw) {
        assertThat(RequestSyntax.decodes(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x=%%%", // the query Liberty answers with a 500 HTML page
                "x=%",
                "x=%4",
                "x=%G1",
                "x=%4g",
                "x=%C3", // a truncated two-byte sequence
                "x=%FF", // never valid UTF-8
                "x=%C0%AF", // an overlong encoding of '/'
                "/api/v1/models/%ED%A0%80" // a UTF-16 surrogate encoded as UTF-8
            })
    void everyMalformedEncodingOrInvalidUtf8IsRefused(String raw) {
        assertThat(RequestSyntax.decodes(raw)).isFalse();
    }
}
