package org.wkcheck.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.report.OfflineHtml.Finding;
import org.wkcheck.report.OfflineHtml.Kind;

/**
 * The checker of rendered reports finds every construct that makes a browser contact another host,
 * and nothing else: not relative URLs, namespaces, URLs in text, comments or messages.
 */
public class OfflineHtmlTest {
  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String page(String body) {
    return "<!DOCTYPE html><html><head><title>t</title></head><body>" + body + "</body></html>";
  }

  @DataProvider
  public Object[][] references() {
    return new Object[][] {
      {"<script src=\"https://cdn.example.com/x.js\"></script>", Kind.LOAD, "cdn.example.com"},
      {"<script src=\"//cdn.example.com/x.js\"></script>", Kind.LOAD, "//cdn.example.com"},
      {"<link rel=\"stylesheet\" href=\"http://fonts.example.com/a.css\">", Kind.LOAD, "fonts"},
      {"<link rel=\"preconnect\" href=\"https://fonts.example.com\">", Kind.LOAD, "fonts"},
      {"<link rel=\"shortcut icon\" href=\"https://example.com/f.ico\">", Kind.LOAD, "f.ico"},
      {"<link rel=\"canonical\" href=\"https://example.com/page\">", Kind.LINK, "/page"},
      {
        "<img src=\"a.png\" srcset=\"a.png 1x, https://img.example.com/b.png 2x\">",
        Kind.LOAD,
        "b.png"
      },
      {"<iframe src=\"https://example.com/frame\"></iframe>", Kind.LOAD, "/frame"},
      {"<video poster=\"https://example.com/p.png\"></video>", Kind.LOAD, "p.png"},
      {"<audio><source src=\"https://example.com/a.ogg\"></audio>", Kind.LOAD, "a.ogg"},
      {"<object data=\"https://example.com/x.swf\"></object>", Kind.LOAD, "x.swf"},
      {"<embed src=\"https://example.com/x.swf\">", Kind.LOAD, "x.swf"},
      {"<base href=\"https://example.com/\">", Kind.LOAD, "example.com"},
      {"<meta http-equiv=\"refresh\" content=\"0; url=https://example.com/r\">", Kind.LOAD, "/r"},
      {"<svg><image href=\"https://example.com/i.png\"/></svg>", Kind.LOAD, "i.png"},
      {"<a href=\"https://gatling.io\">Gatling</a>", Kind.LINK, "gatling.io"},
      {"<a href=\"HTTPS://Example.com/x\">x</a>", Kind.LINK, "Example.com"},
      {"<area href=\"http://example.com/map\">", Kind.LINK, "/map"},
      {"<form action=\"https://example.com/post\"></form>", Kind.LINK, "/post"},
      {"<button formaction=\"https://example.com/post\">b</button>", Kind.LINK, "/post"},
      {"<style>@import \"https://example.com/a.css\";</style>", Kind.LOAD, "a.css"},
      {"<style>body{background:url(https://example.com/bg.png)}</style>", Kind.LOAD, "bg.png"},
      {"<div style=\"background-image:url('//example.com/bg.png')\">d</div>", Kind.LOAD, "bg.png"},
      {
        "<link rel=\"stylesheet\" href=\"data:text/css;base64,"
            + base64("@font-face{font-family:f;src:url(\"https://fonts.example.com/f.woff2\")}")
            + "\">",
        Kind.LOAD,
        "f.woff2"
      },
      {
        "<script src=\"data:text/javascript;base64,"
            + base64("fetch('https://api.example.com/x').then(r => r.json())")
            + "\"></script>",
        Kind.LOAD,
        "api.example.com"
      },
      {
        "<img src=\"data:image/svg+xml;base64,"
            + base64(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"https://example.com/i.png\"/></svg>")
            + "\">",
        Kind.LOAD,
        "i.png"
      },
      {
        "<script>var x=new XMLHttpRequest();x.open(\"POST\", \"https://collect.example.com/e\");</script>",
        Kind.LOAD,
        "collect.example.com"
      },
      {
        "<script>navigator.sendBeacon(\"https://collect.example.com/b\", d)</script>",
        Kind.LOAD,
        "/b"
      },
      {"<script>new WebSocket('wss://live.example.com/s')</script>", Kind.LOAD, "wss://"},
      {"<script>import('https://esm.example.com/m.js')</script>", Kind.LOAD, "m.js"},
      {
        "<script type=\"module\">import { a } from \"https://esm.example.com/m.js\";</script>",
        Kind.LOAD,
        "m.js"
      },
      {
        "<script>var i=new Image();i.src=\"https://px.example.com/p.gif\"</script>",
        Kind.LOAD,
        "p.gif"
      },
      {
        "<script>document.body.innerHTML='<img src=\\\"https://px.example.com/p.gif\\\">'</script>",
        Kind.LOAD,
        "p.gif"
      },
      {
        "<script>el.setAttribute(\"src\", \"https://example.com/x.js\")</script>", Kind.LOAD, "x.js"
      },
      {"<script>$.ajax({url: 'https://api.example.com/q'})</script>", Kind.LOAD, "/q"},
      {
        "<script>Highcharts.setOptions({credits:{href:\"http://www.highcharts.com\"}})</script>",
        Kind.LINK,
        "highcharts.com"
      },
      {"<script>location.href = 'https://example.com/away'</script>", Kind.LOAD, "/away"},
      {"<button onclick=\"window.open('https://example.com/w')\">b</button>", Kind.LOAD, "/w"},
      {"<a href=\"javascript:location.assign('https://example.com/j')\">j</a>", Kind.LOAD, "/j"},
      {"<script>gtag('config', 'G-FVWC4GKEYS');</script>", Kind.TRACKER, "gtag('config'"},
      {"<p>t</p><!-- www.google-analytics.com -->", Kind.TRACKER, "google-analytics.com"},
    };
  }

  /** Each construct that contacts another host MUST be found, as what it is. */
  @Test(dataProvider = "references")
  public void findsTheReference(String body, Kind kind, String part) {
    List<Finding> found = OfflineHtml.scanHtml(page(body), "test.html");
    assertTrue(
        found.stream().anyMatch(f -> f.kind() == kind && f.reference().contains(part)),
        "expected a " + kind + " containing " + part + " in " + body + ", found " + found);
    assertFalse(found.isEmpty());
  }

  /** A tracker loaded by a script is both a load and a tracker. */
  @Test
  public void googleTagManagerIsALoadAndATracker() {
    List<Finding> found =
        OfflineHtml.scanHtml(
            page("<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-1\"></script>"),
            "t.html");
    assertTrue(found.stream().anyMatch(f -> f.kind() == Kind.LOAD), found.toString());
    assertTrue(found.stream().anyMatch(f -> f.kind() == Kind.TRACKER), found.toString());
  }

  @DataProvider
  public Object[][] notReferences() {
    return new Object[][] {
      {
        "<link rel=\"icon\" href=\"style/favicon.ico\"><link rel=\"stylesheet\" href=\"style/a.css\">"
            + "<script src=\"js/app.js\"></script><img src=\"style/logo.svg\">"
            + "<a href=\"req_1.html\">r</a><a href=\"#top\">t</a><a href=\"/abs/path\">p</a>"
            + "<a href=\"mailto:someone@example.com\">m</a>"
      },
      {"<p>See https://example.com/docs for more, or //example.com.</p>"},
      {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
            + "<use xlink:href=\"#icon\"/></svg>"
      },
      {
        "<script>var ns={svg:\"http://www.w3.org/2000/svg\",xlink:\"http://www.w3.org/1999/xlink\"};"
            + "document.createElementNS(\"http://www.w3.org/2000/svg\",\"g\");"
            + "console.warn(\"Please see https://github.com/highlightjs/highlight.js/issues/2277\");"
            + "var E={urlRoot:\"http://marionettejs.com/docs/v\"};"
            + "// fetched from https://example.com/ once\n"
            + "if (a.src === \"https://example.com/x\") { b = 1 }"
            + "window.dataLayer=window.dataLayer||[];window.dataLayer.push(['event','x']);</script>"
      },
      {"<style>/* Font Awesome by @davegandy - http://fontawesome.io */ .a{color:red}</style>"},
      {"<script type=\"application/json\">{\"url\":\"https://example.com/data\"}</script>"},
      {
        "<link rel=\"stylesheet\" href=\"data:text/css;base64,"
            + base64("/* http://fontawesome.io */ .i{background:url(data:image/png;base64,AAAA)}")
            + "\">"
      },
      {
        "<script src=\"data:text/javascript;base64,"
            + base64("var u = 'https://example.com/said/in/a/message'; alert(u);")
            + "\"></script>"
      },
    };
  }

  /** What is only text, relative, a namespace or a comment MUST NOT be reported. */
  @Test(dataProvider = "notReferences")
  public void findsNothingWhereNothingIsContacted(String body) {
    assertEquals(OfflineHtml.scanHtml(page(body), "test.html"), List.of(), body);
  }

  /** CSS and JavaScript files are checked like the same code inside a page. */
  @Test
  public void checksStyleSheetsAndScriptsOnTheirOwn() {
    assertEquals(
        OfflineHtml.scanCss("/* https://example.com */ .a{background:url(img/a.png)}", "a.css"),
        List.of());
    assertEquals(
        OfflineHtml.scanCss(".a{background:url(\"https://example.com/a.png\")}", "a.css"),
        List.of(new Finding(Kind.LOAD, "a.css url()", "https://example.com/a.png")));
    assertEquals(
        OfflineHtml.scanJs("fetch(\"https://example.com/api\")", "a.js"),
        List.of(new Finding(Kind.LOAD, "a.js request", "https://example.com/api")));
  }

  /**
   * Cleaning MUST remove tracker scripts and links to other hosts (keeping their text), and leave
   * loads for the check to report; a page with nothing to remove comes back as the same text.
   */
  @Test
  public void cleaningRemovesTrackersAndLinksOnly() {
    String html =
        page(
            "<link rel=\"stylesheet\" href=\"https://cdn.example.com/a.css\">"
                + "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-1\"></script>"
                + "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
                + "gtag('js', new Date());gtag('config', 'G-1');</script>"
                + "<script>var keep = 1;</script>"
                + "<a class=\"logo\" href=\"https://gatling.io\" target=\"_blank\">Gatling</a>"
                + "<a href=\"req.html\">local</a>");
    OfflineHtml.Cleaned c = OfflineHtml.clean(html);
    assertEquals(c.removed().size(), 3, c.removed().toString());
    assertFalse(c.html().contains("gtag"), c.html());
    assertFalse(c.html().contains("gatling.io"), c.html());
    assertTrue(c.html().contains("<a class=\"logo\">Gatling</a>"), c.html());
    assertTrue(c.html().contains("href=\"req.html\""), c.html());
    assertTrue(c.html().contains("var keep = 1;"), c.html());
    assertEquals(
        OfflineHtml.scanHtml(c.html(), "t.html"),
        List.of(new Finding(Kind.LOAD, "t.html <link href>", "https://cdn.example.com/a.css")));

    String clean = page("<a href=\"req.html\">local</a>");
    assertSame(OfflineHtml.clean(clean).html(), clean);
  }

  /** Blanking empties URL-valued properties, and only them. */
  @Test
  public void blankingEmptiesUrlPropertiesOnly() {
    String js =
        "var o={credits:{enabled:!0,href:\"http://www.highcharts.com\"},"
            + "global:{VMLRadialGradientURL:\"http://code.highcharts.com/5.0.3/gfx/g.png\"},"
            + "ns:\"http://www.w3.org/2000/svg\"};fetch('https://example.com/api');";
    String blanked = OfflineHtml.blankUrlProperties(js);
    assertEquals(
        blanked,
        "var o={credits:{enabled:!0,href:\"\"},global:{VMLRadialGradientURL:\"\"},"
            + "ns:\"http://www.w3.org/2000/svg\"};fetch('https://example.com/api');");
    assertEquals(
        OfflineHtml.scanJs(blanked, "a.js"),
        List.of(new Finding(Kind.LOAD, "a.js request", "https://example.com/api")));
  }
}
