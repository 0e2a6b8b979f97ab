package trin.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import trin.api.health.Detail;

class UsageTest {

    private static final long GIB = 1L << 30;

    @Test
    void givenMemoryWithAQuarterInUse_thenUsedIsTotalLessAvailableAndPercentOfTotal() {
        Usage usage = Usage.memory(8 * GIB, 6 * GIB).orElseThrow();

        assertThat(usage).isEqualTo(new Usage(8 * GIB, 2 * GIB, 6 * GIB, 25.0));
    }

    @Test
    void givenFullDetail_thenTotalUsedFreeAndPercentInThatOrder() {
        assertThat(Usage.memory(3000, 2000).orElseThrow().toMap(Detail.FULL))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("total", 3000L),
                        org.assertj.core.api.Assertions.entry("used", 1000L),
                        org.assertj.core.api.Assertions.entry("free", 2000L),
                        org.assertj.core.api.Assertions.entry("percent", 33.3));
    }

    @Test
    void givenBasicDetail_thenPercentOnly() {
        assertThat(Usage.memory(3000, 1000).orElseThrow().toMap(Detail.BASIC)).containsOnlyKeys("percent")
                .containsEntry("percent", 66.7);
    }

    @Test
    void givenFileSystemWithBlocksReservedForRoot_thenPercentIsOfUsedPlusFreeAsDfCountsIt() {
        // 100 blocks: 70 allocated, 30 unallocated of which 5 reserved for root
        Usage usage = Usage.disk(100, 30, 25).orElseThrow();

        assertThat(usage).isEqualTo(new Usage(100, 70, 25, 73.7));
    }

    @Test
    void givenEmptyFileSystem_thenZeroPercent() {
        assertThat(Usage.disk(100, 100, 95).orElseThrow().percent()).isZero();
    }

    @Test
    void givenNoTotalOrInconsistentFigures_thenNoUsage() {
        assertThat(Usage.memory(0, 0)).isEmpty();
        assertThat(Usage.memory(100, 101)).isEmpty();
        assertThat(Usage.memory(100, -1)).isEmpty();
        assertThat(Usage.disk(0, 0, 0)).isEmpty();
        assertThat(Usage.disk(100, 101, 0)).isEmpty();
    }
}
