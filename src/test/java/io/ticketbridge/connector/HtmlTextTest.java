package io.ticketbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.connector.HtmlText.Style;
import org.junit.jupiter.api.Test;

class HtmlTextTest {
    private static final Style MARKDOWN = Style.PLAIN.withMarkdown(true);

    // ---- PLAIN (Keliweb) ----

    @Test
    void blocksBecomeLinesAndEntitiesAreDecoded() {
        assertThat(HtmlText.toText("<div>Ciao&nbsp;Mario,<br>il   server\n è <i>giù</i> &amp; &#8364;5 &lt;x&gt;</div><p>Grazie</p>", Style.PLAIN))
                .isEqualTo("Ciao Mario,\nil server è giù & €5 <x>\n\nGrazie");
    }

    @Test
    void scriptsStylesAndCommentsAreDropped() {
        assertThat(HtmlText.toText("<style>p{color:red}</style><p>a<!-- hidden --></p><script>alert(1)</script>b", Style.PLAIN))
                .isEqualTo("a\n\nb");
    }

    @Test
    void linksKeepTheirAddressUnlessItIsTheText() {
        assertThat(HtmlText.toText("<a href='https://x.it/a?b=1&amp;c=2'>docs</a> <a href=\"mailto:a@x.it\">a@x.it</a>", Style.PLAIN))
                .isEqualTo("docs (https://x.it/a?b=1&c=2) a@x.it");
    }

    @Test
    void markdownModeWritesHeadingsEmphasisListsAndLinks() {
        assertThat(HtmlText.toText("<h2>Steps</h2><ol><li><strong>Stop</strong> it</li><li><a href=\"https://x.it\">read</a></li></ol>", MARKDOWN))
                .isEqualTo("## Steps\n\n- **Stop** it\n- [read](https://x.it)");
    }

    @Test
    void preformattedTextKeepsItsLines() {
        assertThat(HtmlText.toText("<pre>a  b\nc</pre>", Style.PLAIN)).isEqualTo("a  b\nc");
    }

    @Test
    void aStrayLessThanIsText() {
        assertThat(HtmlText.toText("<p>1 < 2</p>", Style.PLAIN)).isEqualTo("1 < 2");
        assertThat(HtmlText.toText("<p>1 < 2</p>", Style.TABLE_ROWS)).isEqualTo("1 < 2");
    }

    @Test
    void aQuotedGreaterThanStaysInsideItsTagAndAnUnclosedQuoteIsText() {
        assertThat(HtmlText.toText("<a title=\"a > b\" href='https://x.it'>x</a> <b class=\"open>bold", Style.PLAIN))
                .isEqualTo("x (https://x.it) <b class=\"open>bold");
        assertThat(HtmlText.toText("</ p> <1> <p/>after", Style.PLAIN)).isEqualTo("</ p> <1>\n\nafter");
    }

    @Test
    void whitespaceRunsAndIndentedListItemsCollapseButLineBreaksStay() {
        assertThat(HtmlText.toText("a \t\r\n b<br>   -    item<br>\u00a0<br><br><br>c  ", Style.PLAIN))
                .isEqualTo("a b\n- item\n\nc");
    }

    // ---- TABLE_ROWS (Plusofon) ----

    @Test
    void paragraphsBreaksAndListsBecomeLines() {
        assertThat(HtmlText.toText("<p>Dzień dobry,</p>\n<p>linia 1<br>linia 2<br/></p><ol><li>raz</li><li>dwa</li></ol>", Style.TABLE_ROWS))
                .isEqualTo("Dzień dobry,\n\nlinia 1\nlinia 2\n\n- raz\n- dwa");
    }

    @Test
    void linksKeepTheirTargetWhenItDiffersFromTheText() {
        assertThat(HtmlText.toText("See <a href=\"https://x.example/kb/1\">the article</a> or "
                + "<a href='https://x.example'>https://x.example</a> or <a href=\"mailto:a@b.pl\">a@b.pl</a>.", Style.TABLE_ROWS))
                .isEqualTo("See the article (https://x.example/kb/1) or https://x.example or a@b.pl.");
    }

    @Test
    void aLinkWithoutTextIsItsAddress() {
        assertThat(HtmlText.toText("<a href=\"https://x.example\"><img src=\"logo.png\"></a>", Style.TABLE_ROWS))
                .isEqualTo("https://x.example");
        assertThat(HtmlText.toText("<a href=\"https://x.example\"><img src=\"logo.png\"></a>", Style.PLAIN))
                .isEqualTo("https://x.example");
    }

    @Test
    void entitiesAreDecodedAndScriptsStylesCommentsDropped() {
        assertThat(HtmlText.toText("<style>p{color:red}</style><!-- x --><script>alert(1)</script>"
                + "a &amp; b &lt;c&gt; &quot;d&quot; &#8470;5 &#x20AC;&nbsp;10 &unknown;", Style.TABLE_ROWS))
                .isEqualTo("a & b <c> \"d\" №5 € 10 &unknown;");
    }

    @Test
    void tablesBecomeOneRowPerLineAndSourceWhitespaceIsNotLayout() {
        assertThat(HtmlText.toText("<table><tr><td>Port</td><td>22</td></tr>\n  <tr><td>Host</td><td>gw</td></tr></table>"
                + "<div>  many    spaces\n here </div>", Style.TABLE_ROWS))
                .isEqualTo("Port | 22\nHost | gw\n\nmany spaces here");
    }

    @Test
    void theLayoutsDifferOnlyWhereTheStyleSays() {
        String html = "<table><tr><td>Port</td><td>22</td></tr></table><pre>a  b</pre><dl><dt>k</dt><dd>v</dd></dl>";
        assertThat(HtmlText.toText(html, Style.PLAIN)).isEqualTo("Port 22\n\na  b\n\nkv");
        assertThat(HtmlText.toText(html, Style.TABLE_ROWS)).isEqualTo("Port | 22\n\na b\n\nk\nv");
    }
}
