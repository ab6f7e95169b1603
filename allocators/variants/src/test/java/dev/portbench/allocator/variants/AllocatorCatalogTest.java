package dev.portbench.allocator.variants;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.AllocatorType;
import dev.portbench.allocator.PortAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocatorCatalogTest {

    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void everyCoreTypeIsInTheCatalogAndBuildsTheSameAllocator(AllocatorType type) {
        AllocatorCatalog entry = AllocatorCatalog.of(type);
        assertSame(type, entry.coreType());
        assertEquals(type.id(), entry.id());
        assertEquals(type.selections(), entry.selections());
        PortAllocator a = entry.create(AllocatorConfig.windows95());
        assertEquals(type.create().description(), a.description());
    }

    @Test
    void idsAreUniqueAndLookedUpByIdOrConstantName() {
        Set<String> seen = new HashSet<>();
        for (AllocatorCatalog c : AllocatorCatalog.values()) {
            assertTrue(seen.add(c.id()), "duplicate id " + c.id());
            assertSame(c, AllocatorCatalog.fromId(c.id()));
            assertSame(c, AllocatorCatalog.fromId(c.name().toLowerCase()));
        }
        assertEquals(List.copyOf(AllocatorCatalog.ids()), AllocatorCatalog.ids());
    }

    @Test
    void anUnknownIdNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllocatorCatalog.fromId("btree"));
        assertTrue(e.getMessage().contains("'btree'") && e.getMessage().contains("agrona-timer-wheel"), e.getMessage());
        assertThrows(NullPointerException.class, () -> AllocatorCatalog.fromId(null));
    }

    @Test
    void onlyTheJavaUtilAndAgronaEntriesArePeerBaselines() {
        for (AllocatorCatalog c : AllocatorCatalog.values()) {
            boolean expected = c == AllocatorCatalog.JDK_COLLECTIONS || c == AllocatorCatalog.AGRONA_TIMER_WHEEL;
            assertEquals(expected, c.isPeerBaseline(), c.id());
        }
    }
}
