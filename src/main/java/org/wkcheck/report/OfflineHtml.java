package org.wkcheck.report;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Finds what in a report (HTML, and the CSS, JavaScript and SVG it carries or sits beside) would
 * make a browser contact another host, so that a rendered report can be proven to stay on the
 * machine. It looks for:
 *
 * <ul>
 *   <li>{@link Kind#LOAD}: what a browser fetches by itself, by absolute ({@code http(s)://},
 *       {@code ws(s)://}) or protocol-relative ({@code //host}) URL: {@code src}, {@code srcset},
 *       {@code poster}, {@code data}, {@code background} of any element, {@code <link href>} of a
 *       loading kind (stylesheet, icon, preload, prefetch, preconnect, dns-prefetch, manifest...),
 *       {@code <base href>}, SVG {@code href}/{@code xlink:href} of {@code image}, {@code use},
 *       {@code script}, a meta refresh; in CSS {@code url(...)}, {@code @import} and {@code
 *       image-set}; in JavaScript {@code fetch}, {@code XMLHttpRequest.open}, {@code sendBeacon},
 *       {@code WebSocket}, {@code EventSource}, workers, {@code importScripts}, {@code import}, a
 *       {@code location} change, and URL-valued properties or attributes set to such a URL ({@code
 *       img.src = "https://..."}, {@code {href: "https://..."}}, {@code setAttribute("src", ...)},
 *       markup in strings);
 *   <li>{@link Kind#LINK}: what a click follows: {@code <a>}/{@code <area>} {@code href}, {@code
 *       ping}, form {@code action}, {@code formaction}, a link-only {@code <link rel>};
 *   <li>{@link Kind#TRACKER}: a known analytics or tracking service named anywhere (Google Tag
 *       Manager, Google Analytics, a {@code gtag('config', ...)} call, and others), even where it
 *       is not yet loaded.
 * </ul>
 *
 * <p>{@code data:} URLs are decoded and their CSS, JavaScript, HTML or SVG checked in turn (single
 * file reports carry everything that way); {@code javascript:} URLs are checked as JavaScript. Not
 * references: URLs that are only text (a licence comment, a message, a namespace such as {@code
 * http://www.w3.org/2000/svg}, JSON data), relative URLs, {@code mailto:}. What scripts build at
 * run time from pieces cannot be seen in the text and is not claimed.
 */
public final class OfflineHtml {
  /** What a reference makes a browser do. */
  public enum Kind {
    /** fetched when the page is shown, without any action of the reader */
    LOAD,
    /** followed when the reader clicks it */
    LINK,
    /** a known analytics or tracking service */
    TRACKER
  }

  /**
   * One reference to another host.
   *
   * @param where the file and the element, attribute or construct that holds it
   */
  public record Finding(Kind kind, String where, String reference) {
    @Override
    public String toString() {
      return kind + " " + reference + " (" + where + ")";
    }
  }

  private static final int MAX_DEPTH = 4;

  /** Namespace names: identifiers that look like URLs, never fetched. */
  private static final Set<String> NAMESPACES =
      Set.of(
          "http://www.w3.org/2000/svg",
          "http://www.w3.org/1999/xhtml",
          "http://www.w3.org/1999/xlink",
          "http://www.w3.org/XML/1998/namespace",
          "http://www.w3.org/2000/xmlns/",
          "http://www.w3.org/1998/Math/MathML");

  /** Rel values of {@code <link>} that make the browser fetch or connect. */
  private static final Set<String> LOADING_RELS =
      Set.of(
          "stylesheet",
          "icon",
          "apple-touch-icon",
          "apple-touch-icon-precomposed",
          "mask-icon",
          "fluid-icon",
          "preload",
          "prefetch",
          "modulepreload",
          "preconnect",
          "dns-prefetch",
          "prerender",
          "manifest",
          "import",
          "pingback");

  /** Attributes that hold a URL the browser fetches, on any element. */
  private static final Set<String> LOADING_ATTRIBUTES =
      Set.of("src", "srcset", "poster", "background", "lowsrc", "dynsrc", "codebase", "archive");

  /** Attributes that hold where a click leads. */
  private static final List<String> LINK_ATTRIBUTES =
      List.of("href", "xlink:href", "action", "formaction", "ping");

  /** SVG elements whose {@code href} is fetched. */
  private static final Set<String> SVG_LOADING = Set.of("image", "use", "script", "feimage");

  /**
   * A string literal that starts with an absolute or protocol-relative URL (its opening quote may
   * be escaped: markup inside a string). Rare in code, so the scan looks for these first and then
   * at what precedes each.
   */
  private static final Pattern JS_URL_LITERAL =
      Pattern.compile("\\\\?[\"'`]((?:(?:https?|wss?|ftp):)?//[A-Za-z0-9\\[][^\\s\"'`\\\\<>]*)");

  /** How much code before a URL literal the rules look at. */
  private static final int CONTEXT = 200;

  private static final String QUOTE = "\\\\?[\"'`]";

  /** Requests: {@code fetch("...")}, {@code new WebSocket("...")}, {@code import("...")}... */
  private static final Pattern JS_REQUEST =
      Pattern.compile(
          "\\b(?:fetch|importScripts|sendBeacon|EventSource|WebSocket|SharedWorker|Worker|import)"
              + "\\s*\\(\\s*$");

  private static final Pattern JS_XHR_OPEN =
      Pattern.compile("\\.open\\s*\\(\\s*" + QUOTE + "[A-Za-z]+" + QUOTE + "\\s*,\\s*$");

  private static final Pattern JS_IMPORT_FROM = Pattern.compile("\\bimport\\b[^;()]*\\bfrom\\s*$");

  private static final Pattern JS_NAVIGATION =
      Pattern.compile(
          "(?:\\bwindow\\.open\\s*\\(|\\blocation(?:\\.href)?\\s*="
              + "|\\blocation\\.(?:assign|replace)\\s*\\()\\s*$");

  /**
   * A URL-valued property, key or attribute: {@code x.src = "..."}, {@code {href: "..."}}, {@code
   * src="..."} inside a string of markup, {@code baseURL: "..."}.
   */
  private static final Pattern JS_URL_PROPERTY =
      Pattern.compile(
          "(?<![A-Za-z0-9_$])[\"']?((?:xlink:)?href|src|srcset|poster|action|formaction|ping|url"
              + "|[A-Za-z_$][A-Za-z0-9_$]*(?:URL|Url))[\"']?\\s*[:=]\\s*$");

  private static final Pattern JS_SET_ATTRIBUTE =
      Pattern.compile(
          "\\bsetAttribute(?:NS)?\\s*\\((?:[^,()]*,)?\\s*[\"']((?:xlink:)?href|src|srcset|poster"
              + "|action|formaction|data|ping)[\"']\\s*,\\s*$");

  private static final Pattern META_REFRESH_URL =
      Pattern.compile("url\\s*=\\s*['\"]?([^'\"]+)", Pattern.CASE_INSENSITIVE);

  private static final Pattern CSS_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern CSS_URL =
      Pattern.compile("url\\(\\s*([\"']?)(.*?)\\1\\s*\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CSS_IMPORT =
      Pattern.compile("@import\\s+([\"'])(.*?)\\1", Pattern.CASE_INSENSITIVE);
  private static final Pattern CSS_IMAGE_SET =
      Pattern.compile("image-set\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CSS_STRING = Pattern.compile("([\"'])(.*?)\\1");

  /** Hosts of analytics and tracking services. */
  private static final List<String> TRACKER_HOSTS =
      List.of(
          "googletagmanager.com",
          "google-analytics.com",
          "analytics.google.com",
          "doubleclick.net",
          "googlesyndication.com",
          "googleadservices.com",
          "connect.facebook.net",
          "plausible.io",
          "cdn.segment.com",
          "api.segment.io",
          "cdn.mxpnl.com",
          "api-js.mixpanel.com",
          "static.hotjar.com",
          "script.hotjar.com",
          "clarity.ms",
          "js-agent.newrelic.com",
          "bam.nr-data.net",
          "browser.sentry-cdn.com",
          "cdn.amplitude.com",
          "matomo.cloud",
          "stats.wp.com");

  /** The calls that configure Google Analytics, loaded or not. */
  private static final Pattern TRACKER_CALLS =
      Pattern.compile("\\b(?:gtag\\s*\\(\\s*[\"']config|ga\\s*\\(\\s*[\"']create)[\"']");

  private OfflineHtml() {}

  // --- whole files ------------------------------------------------------------------------------

  /** The findings in every HTML, SVG, CSS and JavaScript file below {@code dir}. */
  public static List<Finding> scanTree(Path dir) throws IOException {
    List<Finding> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.addAll(scanFile(f, dir.relativize(f).toString()));
      }
    }
    return out;
  }

  /** The findings in one file, by its extension (other files have none). */
  public static List<Finding> scanFile(Path file, String where) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".xhtml")) {
      return scanHtml(Files.readString(file, StandardCharsets.UTF_8), where);
    }
    if (name.endsWith(".svg")) {
      return scanSvg(Files.readString(file, StandardCharsets.UTF_8), where);
    }
    if (name.endsWith(".css")) {
      return scanCss(Files.readString(file, StandardCharsets.UTF_8), where);
    }
    if (name.endsWith(".js") || name.endsWith(".mjs")) {
      return scanJs(Files.readString(file, StandardCharsets.UTF_8), where);
    }
    return List.of();
  }

  // --- by content -------------------------------------------------------------------------------

  public static List<Finding> scanHtml(String html, String where) {
    Scan s = new Scan();
    s.html(Jsoup.parse(html), html, where, 0);
    return s.list();
  }

  public static List<Finding> scanSvg(String svg, String where) {
    Scan s = new Scan();
    s.html(Jsoup.parse(svg, "", Parser.xmlParser()), svg, where, 0);
    return s.list();
  }

  public static List<Finding> scanCss(String css, String where) {
    Scan s = new Scan();
    s.css(css, where, 0);
    return s.list();
  }

  public static List<Finding> scanJs(String js, String where) {
    Scan s = new Scan();
    s.js(js, where, 0);
    return s.list();
  }

  // --- making a copy clean ----------------------------------------------------------------------

  /**
   * A page made clean by {@link #clean}.
   *
   * @param html the page; the very text given when nothing was removed
   * @param removed what was removed, one line each
   */
  public record Cleaned(String html, List<String> removed) {}

  /**
   * Removes from a page what only serves trackers or leads to other hosts: scripts loaded from a
   * tracker's host, inline scripts that name a tracker or configure one (such as the {@code
   * gtag('config', ...)} stub that Allure writes even with its analytics switched off), and links
   * to other hosts ({@link #unlinkExternal}, their text stays). Everything else, loads from other
   * hosts included, is left for {@link #scanHtml} to report: whether a page still works without
   * them is not for this method to guess.
   */
  public static Cleaned clean(String html) {
    Document doc = Jsoup.parse(html);
    List<String> removed = new ArrayList<>();
    for (Element script : doc.select("script")) {
      String src = script.attr("src");
      boolean tracker =
          src.isEmpty()
              ? isJavaScript(script.attr("type"))
                  && scanJs(script.data(), "").stream().anyMatch(f -> f.kind() == Kind.TRACKER)
              : TRACKER_HOSTS.stream().anyMatch(h -> src.toLowerCase(Locale.ROOT).contains(h));
      if (tracker) {
        removed.add(
            src.isEmpty()
                ? "inline script naming a tracker: " + abbreviate(script.data().strip(), 120)
                : "tracker script " + src);
        script.remove();
      }
    }
    for (Element e : doc.getAllElements()) {
      for (String attr : LINK_ATTRIBUTES) {
        if (e.hasAttr(attr) && linkKind(e, attr) == Kind.LINK && isExternal(e.attr(attr))) {
          removed.add("link " + e.attr(attr) + " (<" + e.normalName() + " " + attr + ">)");
        }
      }
    }
    unlinkExternal(doc);
    if (removed.isEmpty()) {
      return new Cleaned(html, List.of());
    }
    doc.outputSettings().prettyPrint(false);
    return new Cleaned(doc.outerHtml(), List.copyOf(removed));
  }

  private static String abbreviate(String s, int max) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= max ? one : one.substring(0, max) + "...";
  }

  /**
   * Turns every link to another host into plain text: removes the {@code href} (and {@code target},
   * {@code ping}) of {@code <a>} and {@code <area>}, the {@code action} of forms and {@code
   * formaction}, keeping the elements and their content.
   *
   * @return how many links were removed
   */
  public static int unlinkExternal(Document doc) {
    int removed = 0;
    for (Element e : doc.getAllElements()) {
      String tag = e.normalName();
      for (String attr : LINK_ATTRIBUTES) {
        if (!e.hasAttr(attr) || linkKind(e, attr) != Kind.LINK) {
          continue;
        }
        if (isExternal(e.attr(attr))) {
          e.removeAttr(attr);
          removed++;
          if (tag.equals("a") || tag.equals("area")) {
            e.removeAttr("target");
            e.removeAttr("rel");
          }
        }
      }
    }
    return removed;
  }

  /**
   * Empties the string literals that the URL-property rule finds ({@code {href:
   * "http://www.highcharts.com"}} becomes {@code {href: ""}}), leaving all other code as it is.
   */
  public static String blankUrlProperties(String js) {
    Matcher m = JS_URL_LITERAL.matcher(js);
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (m.find()) {
      if (!NAMESPACES.contains(m.group(1))
          && JS_URL_PROPERTY.matcher(before(js, m.start())).find()) {
        out.append(js, at, m.start(1));
        at = m.end(1);
      }
    }
    return out.append(js, at, js.length()).toString();
  }

  /** The code just before {@code index}. */
  private static String before(String text, int index) {
    return text.substring(Math.max(0, index - CONTEXT), index);
  }

  /** Whether a URL names a host: {@code http(s)://}, {@code ws(s)://}, {@code ftp:}, {@code //}. */
  public static boolean isExternal(String url) {
    String u = url.strip().toLowerCase(Locale.ROOT).replace('\\', '/');
    return u.startsWith("http:")
        || u.startsWith("https:")
        || u.startsWith("ws:")
        || u.startsWith("wss:")
        || u.startsWith("ftp:")
        || u.startsWith("//");
  }

  // --- the scan ---------------------------------------------------------------------------------

  /** What a URL attribute does, or null when it holds no URL that is followed or fetched. */
  private static Kind linkKind(Element e, String attr) {
    String tag = e.normalName();
    switch (attr) {
      case "href", "xlink:href" -> {
        if (tag.equals("a") || tag.equals("area")) {
          return Kind.LINK;
        }
        if (tag.equals("link")) {
          for (String rel : e.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")) {
            if (LOADING_RELS.contains(rel)) {
              return Kind.LOAD;
            }
          }
          return Kind.LINK;
        }
        if (tag.equals("base") || SVG_LOADING.contains(tag)) {
          return Kind.LOAD;
        }
        return null;
      }
      case "action", "formaction", "ping" -> {
        return Kind.LINK;
      }
      case "data" -> {
        return tag.equals("object") ? Kind.LOAD : null;
      }
      case "manifest" -> {
        return tag.equals("html") ? Kind.LOAD : null;
      }
      default -> {
        return LOADING_ATTRIBUTES.contains(attr) ? Kind.LOAD : null;
      }
    }
  }

  /** Collects findings, each once. */
  private static final class Scan {
    private final Set<Finding> found = new LinkedHashSet<>();

    List<Finding> list() {
      return List.copyOf(found);
    }

    void html(Document doc, String raw, String where, int depth) {
      trackers(raw, where);
      for (Element e : doc.getAllElements()) {
        String tag = e.normalName();
        String at = where + " <" + tag;
        for (Attribute a : e.attributes()) {
          String name = a.getKey().toLowerCase(Locale.ROOT);
          String value = a.getValue();
          if (name.startsWith("on")) {
            js(value, at + " " + name + ">", depth);
          } else if (name.equals("style")) {
            css(value, at + " style>", depth);
          } else if (name.equals("srcdoc")) {
            nested("text/html", value, at + " srcdoc>", depth);
          } else if (name.equals("content")
              && tag.equals("meta")
              && e.attr("http-equiv").equalsIgnoreCase("refresh")) {
            Matcher m = META_REFRESH_URL.matcher(value);
            if (m.find()) {
              url(m.group(1), Kind.LOAD, at + " http-equiv=refresh>", depth);
            }
          } else {
            Kind kind = linkKind(e, name);
            if (kind == null) {
              continue;
            }
            if (name.equals("srcset")) {
              for (String candidate : value.split(",")) {
                String u = candidate.strip().split("\\s+")[0];
                url(u, kind, at + " " + name + ">", depth);
              }
            } else {
              url(value, kind, at + " " + name + ">", depth);
            }
          }
        }
        if (tag.equals("script") && !e.hasAttr("src") && isJavaScript(e.attr("type"))) {
          js(e.data(), at + "> inline script", depth);
        } else if (tag.equals("style")) {
          css(e.data(), at + "> inline style", depth);
        }
      }
    }

    void css(String css, String where, int depth) {
      trackers(css, where);
      String text = CSS_COMMENT.matcher(css).replaceAll(" ");
      Matcher m = CSS_URL.matcher(text);
      while (m.find()) {
        url(m.group(2), Kind.LOAD, where + " url()", depth);
      }
      m = CSS_IMPORT.matcher(text);
      while (m.find()) {
        url(m.group(2), Kind.LOAD, where + " @import", depth);
      }
      m = CSS_IMAGE_SET.matcher(text);
      while (m.find()) {
        Matcher s = CSS_STRING.matcher(m.group(1));
        while (s.find()) {
          url(s.group(2), Kind.LOAD, where + " image-set()", depth);
        }
      }
    }

    void js(String js, String where, int depth) {
      trackers(js, where);
      Matcher literal = JS_URL_LITERAL.matcher(js);
      while (literal.find()) {
        String url = literal.group(1);
        String code = before(js, literal.start());
        Matcher m;
        if (JS_REQUEST.matcher(code).find()) {
          add(Kind.LOAD, where + " request", url);
        } else if (JS_XHR_OPEN.matcher(code).find()) {
          add(Kind.LOAD, where + " XMLHttpRequest.open", url);
        } else if (JS_IMPORT_FROM.matcher(code).find()) {
          add(Kind.LOAD, where + " import", url);
        } else if (JS_NAVIGATION.matcher(code).find()) {
          add(Kind.LOAD, where + " navigation", url);
        } else if ((m = JS_URL_PROPERTY.matcher(code)).find()
            || (m = JS_SET_ATTRIBUTE.matcher(code)).find()) {
          String name = m.group(1).toLowerCase(Locale.ROOT);
          boolean link = name.endsWith("href") || name.endsWith("action") || name.equals("ping");
          add(link ? Kind.LINK : Kind.LOAD, where + " " + m.group(1), url);
        }
      }
    }

    private void trackers(String text, String where) {
      String lower = text.toLowerCase(Locale.ROOT);
      for (String host : TRACKER_HOSTS) {
        if (lower.contains(host)) {
          add(Kind.TRACKER, where, host);
        }
      }
      if (text.contains("gtag") || text.contains("ga(") || text.contains("ga (")) {
        Matcher m = TRACKER_CALLS.matcher(text);
        while (m.find()) {
          add(Kind.TRACKER, where, m.group());
        }
      }
    }

    /** A URL from an attribute or CSS: decoded when it carries data, else checked for a host. */
    private void url(String raw, Kind kind, String where, int depth) {
      String u = raw.strip();
      String lower = u.toLowerCase(Locale.ROOT);
      if (lower.startsWith("data:")) {
        int comma = u.indexOf(',');
        if (comma < 0) {
          return;
        }
        String meta = lower.substring(5, comma);
        String payload = u.substring(comma + 1);
        String text;
        try {
          text =
              meta.endsWith(";base64")
                  ? new String(Base64.getMimeDecoder().decode(payload), StandardCharsets.UTF_8)
                  : URLDecoder.decode(payload.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return; // not decodable: a browser would not use it either
        }
        nested(meta.split(";")[0].strip(), text, where, depth);
      } else if (lower.startsWith("javascript:")) {
        js(u.substring("javascript:".length()), where, depth);
      } else if (isExternal(u) && !NAMESPACES.contains(u)) {
        add(kind, where, u);
      }
    }

    /** Decoded content of a data: URL or srcdoc, checked by its media type. */
    private void nested(String mediaType, String text, String where, int depth) {
      if (depth >= MAX_DEPTH) {
        return;
      }
      switch (mediaType) {
        case "text/css" -> css(text, where + " (data)", depth + 1);
        case "text/javascript",
            "application/javascript",
            "application/x-javascript",
            "application/ecmascript",
            "text/ecmascript" ->
            js(text, where + " (data)", depth + 1);
        case "text/html", "application/xhtml+xml" ->
            html(Jsoup.parse(text), text, where + " (data)", depth + 1);
        case "image/svg+xml" ->
            html(Jsoup.parse(text, "", Parser.xmlParser()), text, where + " (data)", depth + 1);
        default -> trackers(text, where + " (data)");
      }
    }

    private void add(Kind kind, String where, String reference) {
      if (kind != Kind.TRACKER && NAMESPACES.contains(reference)) {
        return;
      }
      found.add(new Finding(kind, where, reference));
    }
  }

  private static boolean isJavaScript(String type) {
    String t = type.strip().toLowerCase(Locale.ROOT);
    return t.isEmpty()
        || t.equals("module")
        || t.contains("javascript")
        || t.contains("ecmascript")
        || t.equals("text/babel");
  }
}
