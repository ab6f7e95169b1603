package dev.portbench.stack;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kernel releases parsed as uname -r prints them, and each version rule switching at its release. */
class LinuxKernelRulesTest {

    @Test
    void releasesParseToMajorMinor() {
        assertEquals(new KernelVersion(6, 18), KernelVersion.parse("6.18.44-fc-v1272"));
        assertEquals(new KernelVersion(5, 15), KernelVersion.parse("5.15.0-91-generic"));
        assertEquals(new KernelVersion(0, 0), KernelVersion.parse("0"));
        assertTrue(KernelVersion.parse("6.14").atLeast(KernelVersion.parse("6.3")), "6.14 is after 6.3, not before");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelVersion.parse("linux"));
        assertTrue(e.getMessage().contains("'linux'"), e.getMessage());
    }

    @Test
    void eachRuleSwitchesAtItsRelease() {
        LinuxKernelRules v62 = LinuxKernelRules.of("6.2.0");
        LinuxKernelRules v63 = LinuxKernelRules.of("6.3.1");
        LinuxKernelRules v67 = LinuxKernelRules.of("6.7");
        LinuxKernelRules v68 = LinuxKernelRules.of("6.8");
        LinuxKernelRules v613 = LinuxKernelRules.of("6.13");
        LinuxKernelRules v614 = LinuxKernelRules.of("6.14");
        assertFalse(v62.socketPortRange());
        assertTrue(v63.socketPortRange());
        assertTrue(v67.connectPrefersEvenWithSocketRange());
        assertEquals(2, v67.connectStep(true));
        assertFalse(v68.connectPrefersEvenWithSocketRange());
        assertEquals(1, v68.connectStep(true));
        assertEquals(2, v68.connectStep(false), "without a socket range the walk keeps step 2");
        assertFalse(v613.twReuseDelaySysctl());
        assertTrue(v614.twReuseDelaySysctl());
        assertFalse(LinuxKernelRules.of("5.17").randomIncrements());
        assertEquals(256, LinuxKernelRules.of("5.17").perturbTableSize());
        assertTrue(LinuxKernelRules.of("5.18").randomIncrements());
        assertFalse(LinuxKernelRules.of("4.1").bindAddressNoPort());
        assertTrue(LinuxKernelRules.of("4.2").bindAddressNoPort());
        assertFalse(StackProfiles.linux(LinuxKernelRules.of("4.1")).bindAddressNoPort(), "the profile follows the rules");
        assertTrue(StackProfiles.linux(v614).description().contains("Linux 6.14"));
        IllegalArgumentException old = assertThrows(IllegalArgumentException.class, () -> LinuxKernelRules.of("3.18"));
        assertTrue(old.getMessage().contains("3.18") && old.getMessage().contains("death row"), old.getMessage());
    }
}
