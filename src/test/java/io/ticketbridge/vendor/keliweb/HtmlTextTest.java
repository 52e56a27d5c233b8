package io.ticketbridge.vendor.keliweb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {
    @Test
    void blocksBecomeLinesAndEntitiesAreDecoded() {
        assertThat(HtmlText.convert("<div>Ciao&nbsp;Mario,<br>il   server\n è <i>giù</i> &amp; &#8364;5 &lt;x&gt;</div><p>Grazie</p>", false))
                .isEqualTo("Ciao Mario,\nil server è giù & €5 <x>\n\nGrazie");
    }

    @Test
    void scriptsStylesAndCommentsAreDropped() {
        assertThat(HtmlText.convert("<style>p{color:red}</style><p>a<!-- hidden --></p><script>alert(1)</script>b", false))
                .isEqualTo("a\n\nb");
    }

    @Test
    void linksKeepTheirAddressUnlessItIsTheText() {
        assertThat(HtmlText.convert("<a href='https://x.it/a?b=1&amp;c=2'>docs</a> <a href=\"mailto:a@x.it\">a@x.it</a>", false))
                .isEqualTo("docs (https://x.it/a?b=1&c=2) a@x.it");
    }

    @Test
    void markdownModeWritesHeadingsEmphasisListsAndLinks() {
        assertThat(HtmlText.convert("<h2>Steps</h2><ol><li><strong>Stop</strong> it</li><li><a href=\"https://x.it\">read</a></li></ol>", true))
                .isEqualTo("## Steps\n\n- **Stop** it\n- [read](https://x.it)");
    }

    @Test
    void preformattedTextKeepsItsLines() {
        assertThat(HtmlText.convert("<pre>a  b\nc</pre>", false)).isEqualTo("a  b\nc");
    }

    @Test
    void aStrayLessThanIsText() {
        assertThat(HtmlText.convert("<p>1 < 2</p>", false)).isEqualTo("1 < 2");
    }
}
