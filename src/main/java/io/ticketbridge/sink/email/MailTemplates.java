package io.ticketbridge.sink.email;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.OutputFormat;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The two parts of a mail, rendered by FreeMarker from one model ({@link MailModel}): the HTML part with every
 * {@code ${…}} HTML-escaped whatever the file is called, the plain-text part unescaped. A location is
 * {@code classpath:path}, {@code file:path} or a plain path; a file is read again when it changed (checked at most
 * every 2 s), so ops edit a template while the bridge runs. Templates can neither create Java objects nor reach the
 * Java API.
 */
final class MailTemplates {
    /** The bundled templates, the Kamelet's defaults. */
    static final String DEFAULT_HTML = "classpath:email/ticket-mail.html.ftlh";
    static final String DEFAULT_TEXT = "classpath:email/ticket-mail.txt.ftl";

    private final Part html;
    private final Part text;

    /** A rendered mail body. */
    record Rendered(String html, String text) {
    }

    /** Loads and parses both templates now, so a missing or broken one fails at start-up, naming it. */
    MailTemplates(String htmlLocation, String textLocation) {
        this.html = new Part("template", htmlLocation, HTMLOutputFormat.INSTANCE);
        this.text = new Part("textTemplate", textLocation, PlainTextOutputFormat.INSTANCE);
    }

    Rendered render(Map<String, Object> model) {
        return new Rendered(html.render(model), text.render(model));
    }

    /** One template and the FreeMarker configuration it is read with. */
    private static final class Part {
        private final String property;
        private final String location;
        private final String name;
        private final Configuration config;

        Part(String property, String location, OutputFormat format) {
            this.property = property;
            this.location = location;
            config = new Configuration(Configuration.VERSION_2_3_34);
            config.setDefaultEncoding(StandardCharsets.UTF_8.name());
            config.setLocale(Locale.ROOT);
            config.setRecognizeStandardFileExtensions(false); // the part decides the escaping, not the file name
            config.setOutputFormat(format);
            config.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
            config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
            config.setAPIBuiltinEnabled(false);
            config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
            config.setLogTemplateExceptions(false);
            config.setWrapUncheckedExceptions(true);
            config.setTemplateUpdateDelayMilliseconds(2000);
            String path;
            TemplateLoader loader;
            if (location.startsWith("classpath:")) {
                path = location.substring("classpath:".length()).replaceFirst("^/+", "");
                loader = new ClassTemplateLoader(MailTemplates.class.getClassLoader(), "");
                name = path;
            } else {
                path = location.startsWith("file:") ? location.substring("file:".length()) : location;
                File file = new File(path).getAbsoluteFile();
                if (!file.isFile()) throw new IllegalArgumentException(property + ": no template file " + file);
                try {
                    loader = new FileTemplateLoader(file.getParentFile());
                } catch (IOException e) {
                    throw new IllegalArgumentException(property + ": cannot read " + file + ": " + e.getMessage(), e);
                }
                name = file.getName();
            }
            config.setTemplateLoader(loader);
            template(); // fail now, not on the first mail
        }

        private Template template() {
            try {
                return config.getTemplate(name);
            } catch (ParseException e) {
                throw new IllegalArgumentException(property + " " + location + " line " + e.getLineNumber() + ", column "
                        + e.getColumnNumber() + ": " + firstLine(e.getEditorMessage()), e);
            } catch (IOException e) {
                throw new IllegalArgumentException(property + ": cannot read template " + location + ": " + e.getMessage(), e);
            }
        }

        String render(Map<String, Object> model) {
            StringWriter out = new StringWriter();
            try {
                template().process(model, out);
            } catch (TemplateException e) {
                throw new IllegalStateException(property + " " + location + (e.getLineNumber() == null ? "" : " line "
                        + e.getLineNumber()) + ": " + firstLine(e.getMessageWithoutStackTop()), e);
            } catch (IOException e) {
                throw new IllegalStateException(property + " " + location + ": " + e.getMessage(), e);
            }
            return out.toString();
        }

        private static String firstLine(String s) {
            if (s == null) return "";
            String line = s.strip();
            int nl = line.indexOf('\n');
            return nl < 0 ? line : line.substring(0, nl).strip();
        }
    }
}
