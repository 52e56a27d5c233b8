package io.ticketbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.sink.TicketFileName.RejectedNameException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names from ticket data: one plain name per id, never a path, never shared by two ids. */
class TicketFileNameTest {
    /** Ids that are paths, separators, dots, device names or look like each other once "cleaned". */
    static final List<String> TRICKY = List.of("1234", "TH-41", "a_b", "../x", "..\\x", "..", ".", "...", "/etc/passwd",
            "C:\\Windows\\win.ini", "\\\\server\\share", "a/b", "a\\b", "a%2Fb", "a%b", "%", "a b", "a.b", "a..b", "a_b ",
            "a:b", "a*b", "a?b", "a\"b", "a<b>", "a|b", "CON", "con", "Con", "NUL", "nul", "COM1", "com1", "LPT9", "PRN",
            "AUX", "CONIN$", "CON.txt", "%43ON", "żółć", "zolc", "Ünïcödé", "😀", "e\u0301", "\u00e9", "~user", "-rf",
            "id.", "id ", " id", "\u200b");

    @ParameterizedTest
    @ValueSource(strings = {"1", "1234", "TH-41", "a_b", "abc-DEF_123"})
    void plainIdsKeepTheirName(String id) {
        assertThat(TicketFileName.forTicketId(id)).isEqualTo(id);
    }

    @Test
    void pathsBecomeOnePlainName() {
        assertThat(TicketFileName.forTicketId("../x")).isEqualTo("%2E%2E%2Fx");
        assertThat(TicketFileName.forTicketId("..\\x")).isEqualTo("%2E%2E%5Cx");
        assertThat(TicketFileName.forTicketId("/etc/passwd")).isEqualTo("%2Fetc%2Fpasswd");
        assertThat(TicketFileName.forTicketId("C:\\Windows")).isEqualTo("C%3A%5CWindows");
        for (String id : TRICKY) {
            assertThat(TicketFileName.forTicketId(id)).as(id).matches("[A-Za-z0-9_%-]+").doesNotStartWith(".");
        }
    }

    @Test
    void windowsDeviceNamesAreNotLeftAsThey() {
        assertThat(TicketFileName.forTicketId("CON")).isEqualTo("%43ON");
        assertThat(TicketFileName.forTicketId("nul")).isEqualTo("%6Eul");
        assertThat(TicketFileName.forTicketId("COM1")).isEqualTo("%43OM1");
        assertThat(TicketFileName.forTicketId("lpt9")).isEqualTo("%6Cpt9");
        assertThat(TicketFileName.forTicketId("CONSOLE")).isEqualTo("CONSOLE");
        assertThat(TicketFileName.forSystem("con")).isEqualTo("%63on");
    }

    @Test
    void twoIdsNeverShareANameAndEachNameDecodesToItsId() {
        Map<String, String> byName = new HashMap<>();
        for (String id : TRICKY) {
            String name = TicketFileName.forTicketId(id);
            assertThat(byName.put(name, id)).as("%s and %s", id, byName.get(name)).isNull();
            assertThat(TicketFileName.decode(name)).isEqualTo(id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0000", "a\nb", "a\rb", "a\tb", "\u001b[31m", "a\u007fb", "a\u0085b"})
    void controlCharactersAreRefusedNamingWhereTheyAre(String id) {
        assertThatThrownBy(() -> TicketFileName.forTicketId(id)).isInstanceOf(RejectedNameException.class)
                .hasMessageContaining("control character").hasMessageContaining("at index " + firstControl(id))
                .hasMessageNotContaining("\u0000");
    }

    private static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isISOControl(s.charAt(i))) return i;
        return -1;
    }

    @Test
    void emptyBrokenAndOverlongIdsAreRefused() {
        assertThatThrownBy(() -> TicketFileName.forTicketId("")).hasMessage("source.ticketId is empty");
        assertThatThrownBy(() -> TicketFileName.forTicketId(null)).hasMessage("source.ticketId is empty");
        assertThatThrownBy(() -> TicketFileName.forTicketId("a\ud800b")).hasMessageContaining("unpaired surrogate at index 1");
        assertThat(TicketFileName.forTicketId("x".repeat(200))).hasSize(200);
        assertThatThrownBy(() -> TicketFileName.forTicketId("x".repeat(201)))
                .hasMessage("source.ticketId is too long for a file name: 201 characters, 201 once encoded (at most 200)");
        // 67 Polish letters are 134 UTF-8 bytes, 402 characters encoded
        assertThatThrownBy(() -> TicketFileName.forTicketId("ż".repeat(67))).hasMessageContaining("402 once encoded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Thulium", "../x", "a/b", "1abc", "a b", "x\u0000"})
    void aSystemIsAVendorIdOrRefused(String system) {
        assertThatThrownBy(() -> TicketFileName.forSystem(system)).isInstanceOf(RejectedNameException.class)
                .hasMessageContaining("is not a vendor id");
    }

    @Test
    void printableQuotesAndEscapes() {
        assertThat(TicketFileName.printable("a\u0000b\nc")).isEqualTo("'a\\u0000b\\u000Ac'");
        assertThat(TicketFileName.printable("😀")).isEqualTo("'😀'");
        assertThat(TicketFileName.printable("x".repeat(100))).hasSize(83);
    }
}
