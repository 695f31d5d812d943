package org.spiketime4j;

import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds Javadoc references in a source file that do not resolve: every {@code {@link}} and {@code {@linkplain}}
 * target (a class by its simple name through the file's imports, its package, {@code java.lang} and its own nested
 * classes, or by its qualified name; a member by name through reflection, inherited ones included), and every
 * {@code {@code SomethingTest}} or {@code {@code SomethingTest#method}} name, which must be a test class (and
 * method) of this project. Classes are loaded without being initialised.
 */
final class JavadocReferences {

    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile(
            "\\{@link(?:plain)?\\s+([\\w.$]*)(?:#(\\w+)(?:\\([^)]*\\))?)?");
    private static final Pattern TEST_NAME = Pattern.compile("\\{@code\\s+([A-Z]\\w*Test)(?:[#.](\\w+))?");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+([\\w.]+)(\\.\\*)?;");

    /** Test classes of the project: simple name to qualified name. */
    private final Map<String, String> testClasses;

    /** @param testClasses the project's test classes, simple name to qualified name */
    JavadocReferences(Map<String, String> testClasses) {
        this.testClasses = testClasses;
    }

    /**
     * @param fileName the file's name, {@code Foo.java} for a top-level class {@code Foo}
     * @param source   the file's text
     * @return one line per unresolved reference: file, line, the reference and why
     */
    List<String> problems(String fileName, String source) {
        Matcher pm = PACKAGE.matcher(source);
        String pkg = pm.find() ? pm.group(1) : "";
        String top = (pkg.isEmpty() ? "" : pkg + ".") + fileName.replaceFirst("\\.java$", "");
        List<String> singles = new ArrayList<>();
        List<String> wildcards = new ArrayList<>(List.of("java.lang", pkg));
        Matcher im = IMPORT.matcher(source);
        while (im.find()) {
            (im.group(2) == null ? singles : wildcards).add(im.group(1));
        }
        List<String> out = new ArrayList<>();
        Matcher doc = JAVADOC.matcher(source);
        while (doc.find()) {
            String text = doc.group(1);
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String where = fileName + ":" + line(source, doc.start(1) + link.start());
                String cls = link.group(1);
                Optional<Class<?>> c = cls.isEmpty() ? load(top) : resolve(cls, top, singles, wildcards);
                if (c.isEmpty()) {
                    out.add(where + ": {@link " + cls + "}: no such class");
                } else if (link.group(2) != null && !hasMember(c.get(), link.group(2), cls.isEmpty())) {
                    out.add(where + ": {@link " + cls + "#" + link.group(2) + "}: no such member of "
                            + c.get().getName());
                }
            }
            Matcher test = TEST_NAME.matcher(text);
            while (test.find()) {
                String where = fileName + ":" + line(source, doc.start(1) + test.start());
                String qualified = testClasses.get(test.group(1));
                Optional<Class<?>> c = qualified == null ? Optional.empty() : load(qualified);
                if (c.isEmpty()) {
                    out.add(where + ": {@code " + test.group(1) + "}: no such test class");
                } else if (test.group(2) != null && !hasMember(c.get(), test.group(2), false)) {
                    out.add(where + ": {@code " + test.group(1) + "#" + test.group(2) + "}: no such test method");
                }
            }
        }
        return out;
    }

    private static int line(String source, int offset) {
        return (int) source.substring(0, offset).chars().filter(ch -> ch == '\n').count() + 1;
    }

    /** A class by qualified name, with its trailing segments also tried as nested classes. */
    private static Optional<Class<?>> loadNested(String name) {
        String n = name;
        while (true) {
            Optional<Class<?>> c = load(n);
            int dot = n.lastIndexOf('.');
            if (c.isPresent() || dot < 0) {
                return c;
            }
            n = n.substring(0, dot) + "$" + n.substring(dot + 1);
        }
    }

    private static Optional<Class<?>> resolve(String name, String top, List<String> singles, List<String> wildcards) {
        String first = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        String rest = name.substring(first.length());
        List<String> bases = new ArrayList<>();
        bases.add(top + "$" + first);
        singles.stream().filter(s -> s.endsWith("." + first)).forEach(bases::add);
        wildcards.forEach(w -> bases.add(w + "." + first));
        for (String base : bases) {
            Optional<Class<?>> c = loadNested(base + rest);
            if (c.isPresent()) {
                return c;
            }
        }
        return name.contains(".") ? loadNested(name) : Optional.empty();
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, JavadocReferences.class.getClassLoader()));
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return Optional.empty();
        }
    }

    /** Whether a class, its supertypes or (for a bare {@code #member}) its nested classes declare the member. */
    private static boolean hasMember(Class<?> c, String member, boolean withNested) {
        if (member.equals(c.getSimpleName())) {
            return true;
        }
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (declares(k, member)) {
                return true;
            }
            for (Class<?> i : k.getInterfaces()) {
                if (hasMember(i, member, false)) {
                    return true;
                }
            }
        }
        return withNested && Arrays.stream(c.getDeclaredClasses()).anyMatch(n -> hasMember(n, member, true));
    }

    private static boolean declares(Class<?> k, String member) {
        return Stream.of(k.getDeclaredMethods(), k.getDeclaredFields()).flatMap(Arrays::stream)
                .map(Member::getName).anyMatch(member::equals);
    }
}
