package io.banwatch.agent.inventory.macos;

import com.dd.plist.ASCIIPropertyListParser;
import com.dd.plist.BinaryPropertyListParser;
import com.dd.plist.NSArray;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import com.dd.plist.XMLPropertyListParser;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import javax.xml.parsers.DocumentBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A property-list dictionary (XML or binary) read leniently: a value of the wrong type reads as
 * absent, so one odd key never loses the rest of the file.
 *
 * <pre>{@code
 * Plist info = Plist.read(bundle.resolve("Contents/Info.plist"));
 * String id = info.text("CFBundleIdentifier");   // null when missing or not a string
 * }</pre>
 *
 * <p>A file that is not a readable dictionary throws {@link Unreadable} with one line saying why.
 * dd-plist fails in several ways (a NullPointerException on an empty file, a SAXParseException on
 * truncated XML, a PropertyListFormatException on a cut binary plist), so every parse catches
 * {@link Exception}. XML goes through our own error handler because the JDK's default one prints
 * "[Fatal Error]" to stderr before throwing.
 */
final class Plist {
    /** Info.plist files are a few kilobytes, db.plist a few hundred: anything this big is not ours to read. */
    private static final int MAX_BYTES = 16 * 1024 * 1024;

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // A warning does not stop the parse; nobody reads it.
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    private final NSDictionary dict;

    private Plist(NSDictionary dict) {
        this.dict = dict;
    }

    /** Why a file is not a readable property-list dictionary; the message is one line. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    /** Reads and parses a file. */
    static Plist read(Path file) {
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            data = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new Unreadable("no such file");
        } catch (IOException e) {
            throw new Unreadable("cannot read: " + oneLine(e));
        }
        if (data.length > MAX_BYTES) {
            throw new Unreadable("larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        return parse(data);
    }

    /** Parses the bytes of an XML, binary or old-style ASCII property list whose root is a dictionary. */
    static Plist parse(byte[] data) {
        if (data.length == 0) {
            throw new Unreadable("empty file");
        }
        NSObject root;
        try {
            root = parseAny(data);
        } catch (Exception | StackOverflowError e) {
            // StackOverflowError: a crafted binary plist can nest (or refer to itself) without end.
            throw new Unreadable("not a readable property list (" + oneLine(e) + ")");
        }
        if (root instanceof NSDictionary d) {
            return new Plist(d);
        }
        throw new Unreadable("the root is " + (root == null ? "empty" : kind(root)) + ", not a dictionary");
    }

    private static NSObject parseAny(byte[] data) throws Exception {
        if (startsWith(data, "bplist")) {
            return BinaryPropertyListParser.parse(data);
        }
        if (looksLikeXml(data)) {
            DocumentBuilder builder = XMLPropertyListParser.getDocBuilder();
            builder.setErrorHandler(SILENT);
            return XMLPropertyListParser.parse(builder.parse(new ByteArrayInputStream(data)));
        }
        return ASCIIPropertyListParser.parse(data);
    }

    /** The string at {@code key}, stripped; null when missing, blank or not a string. */
    String text(String key) {
        return dict.get(key) instanceof NSString s ? blankToNull(s.getContent().strip()) : null;
    }

    /** The dictionary at {@code key}, or null. */
    Plist dict(String key) {
        return dict.get(key) instanceof NSDictionary d ? new Plist(d) : null;
    }

    /** The dictionaries in the array at {@code key}; other elements are skipped. */
    List<Plist> dicts(String key) {
        List<Plist> out = new ArrayList<>();
        for (NSObject o : array(key)) {
            if (o instanceof NSDictionary d) {
                out.add(new Plist(d));
            }
        }
        return out;
    }

    /** The first element of the array at {@code key} when it is a non-blank string, or null. */
    String firstText(String key) {
        NSObject[] elements = array(key);
        return elements.length > 0 && elements[0] instanceof NSString s ? blankToNull(s.getContent().strip()) : null;
    }

    /** The day of the date at {@code key} in UTC, or null. */
    LocalDate date(String key) {
        return dict.get(key) instanceof NSDate d ? LocalDate.ofInstant(d.getDate().toInstant(), ZoneOffset.UTC) : null;
    }

    private NSObject[] array(String key) {
        return dict.get(key) instanceof NSArray a ? a.getArray() : new NSObject[0];
    }

    private static boolean looksLikeXml(byte[] data) {
        if (data.length >= 2 && ((data[0] == (byte) 0xFE && data[1] == (byte) 0xFF)
                || (data[0] == (byte) 0xFF && data[1] == (byte) 0xFE))) {
            return true; // UTF-16 byte order mark: only XML plists are written in UTF-16
        }
        int i = startsWith(data, "\uFEFF") ? 3 : 0;
        while (i < data.length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) {
            i++;
        }
        return i < data.length && data[i] == '<';
    }

    private static boolean startsWith(byte[] data, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        if (data.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (data[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static String kind(NSObject o) {
        return o instanceof NSArray ? "an array" : "a " + o.getClass().getSimpleName().replaceFirst("^NS", "").toLowerCase(Locale.ROOT);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        String first = message == null || message.isBlank() ? "" : message.strip().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
