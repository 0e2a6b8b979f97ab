package trin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossSiteFilterTest {

    @Test
    void givenTheConsolesOwnOrigin_thenTheRequestGoesOn_alsoThroughATunnelOnAnotherPort() {
        assertThat(CrossSiteFilter.refusal("http://127.0.0.1:8080", null, "127.0.0.1:8080", "http")).isEmpty();
        assertThat(CrossSiteFilter.refusal("http://localhost:18080", null, "localhost:18080", "http")).isEmpty();
        assertThat(CrossSiteFilter.refusal("http://LocalHost:18080", null, "localhost:18080", "http")).isEmpty();
        assertThat(CrossSiteFilter.refusal("http://[::1]:8080", null, "[::1]:8080", "http")).isEmpty();
        assertThat(CrossSiteFilter.refusal("http://gateway", null, "gateway:80", "http")).isEmpty();
        assertThat(CrossSiteFilter.refusal(null, "http://localhost:8080/system/console/configMgr", "localhost:8080",
                "http")).as("no Origin: the Referer decides").isEmpty();
    }

    @Test
    void givenAnotherOrigin_thenRefused() {
        assertThat(CrossSiteFilter.refusal("http://evil.example", "http://evil.example/x", "127.0.0.1:8080", "http"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("Origin http://evil.example"));
        assertThat(CrossSiteFilter.refusal("http://localhost:9999", null, "localhost:8080", "http"))
                .as("another port of this machine: another site").isPresent();
        assertThat(CrossSiteFilter.refusal("http://127.0.0.1:8080", null, "localhost:8080", "http"))
                .as("another name for this machine: another origin to the browser").isPresent();
        assertThat(CrossSiteFilter.refusal("null", null, "localhost:8080", "http"))
                .as("an opaque origin (a sandboxed frame, a data: page)").isPresent();
        assertThat(CrossSiteFilter.refusal("http://127.0.0.1:8080", "http://evil.example/", "localhost:8080", "http"))
                .as("the Origin wins over the Referer").isPresent();
        assertThat(CrossSiteFilter.refusal(null, "http://evil.example/page", "localhost:8080", "http"))
                .as("no Origin, a foreign Referer").isPresent();
        assertThat(CrossSiteFilter.refusal("file://", null, "localhost:8080", "http")).isPresent();
        assertThat(CrossSiteFilter.refusal("http://a b", null, "localhost:8080", "http")).isPresent();
    }

    @Test
    void givenNeitherOriginNorReferer_thenItIsATool_notAPage_andGoesOn() {
        assertThat(CrossSiteFilter.refusal(null, null, "127.0.0.1:8080", "http")).isEmpty();
    }

    @Test
    void theContentSecurityPolicyAllowsNoPluginsNoForeignFramingNorForms() {
        assertThat(CrossSiteFilter.CSP).contains("frame-ancestors 'self'").contains("object-src 'none'")
                .contains("form-action 'self'").contains("base-uri 'self'").doesNotContain("*");
    }
}
