package io.ticketbridge.vendor.plusofon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void paragraphsBreaksAndListsBecomeLines() {
        assertThat(HtmlText.toText("<p>Dzień dobry,</p>\n<p>linia 1<br>linia 2<br/></p><ol><li>raz</li><li>dwa</li></ol>"))
                .isEqualTo("Dzień dobry,\n\nlinia 1\nlinia 2\n\n- raz\n- dwa");
    }

    @Test
    void linksKeepTheirTargetWhenItDiffersFromTheText() {
        assertThat(HtmlText.toText("See <a href=\"https://x.example/kb/1\">the article</a> or "
                + "<a href='https://x.example'>https://x.example</a> or <a href=\"mailto:a@b.pl\">a@b.pl</a>."))
                .isEqualTo("See the article (https://x.example/kb/1) or https://x.example or a@b.pl.");
    }

    @Test
    void entitiesAreDecodedAndScriptsStylesCommentsDropped() {
        assertThat(HtmlText.toText("<style>p{color:red}</style><!-- x --><script>alert(1)</script>"
                + "a &amp; b &lt;c&gt; &quot;d&quot; &#8470;5 &#x20AC;&nbsp;10 &unknown;"))
                .isEqualTo("a & b <c> \"d\" №5 € 10 &unknown;");
    }

    @Test
    void tablesBecomeOneRowPerLineAndSourceWhitespaceIsNotLayout() {
        assertThat(HtmlText.toText("<table><tr><td>Port</td><td>22</td></tr>\n  <tr><td>Host</td><td>gw</td></tr></table>"
                + "<div>  many    spaces\n here </div>"))
                .isEqualTo("Port | 22\nHost | gw\n\nmany spaces here");
    }
}
