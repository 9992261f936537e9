package io.vigil.deploy.nativeimage;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.RecordComponentNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds, in compiled classes, what usually breaks a GraalVM native executable although the JVM build works. No
 * GraalVM is needed: the checks read the byte code with ASM.
 * <ul>
 *   <li><b>reflection</b>: a call to Class.forName, Class.getDeclared*, getMethod(s), getField(s),
 *       getConstructor(s), Class.newInstance, Method.invoke, Constructor.newInstance, Field.get/set,
 *       Proxy.newProxyInstance or ClassLoader.loadClass. Each one needs the classes it reaches registered, which
 *       this check cannot see, so every call site must be named in the allowed list with its reason.</li>
 *   <li><b>Jackson outside REST</b>: an application type (io/vigil/...) that an ObjectMapper reads into
 *       (readValue, treeToValue, convertValue, readerFor with a class literal, or a TypeReference's type
 *       arguments) or writes (writeValueAsString/Bytes, valueToTree, writeValue, where the argument's static type
 *       is visible) must carry @RegisterForReflection, be nested in a class that does, or be named in some
 *       @RegisterForReflection(targets = ...). Quarkus registers REST bodies by itself, not these. The types of
 *       its fields and record components, and their type arguments, are checked the same way.</li>
 *   <li><b>resources</b>: a resource read with getResource(AsStream) or getResources must be matched by
 *       quarkus.native.resources.includes of every service that contains the class. A path that is not a
 *       constant must be named in the allowed list with the glob that covers it.</li>
 *   <li><b>build-time threads and sockets</b>: a static initialiser that starts a thread, makes an executor or
 *       timer, or opens a socket or channel; in a class initialised at build time that fails the image build, and
 *       at run time it is a surprise anyway.</li>
 * </ul>
 */
public final class NativeReadiness {

    private static final String REGISTER = "Lio/quarkus/runtime/annotations/RegisterForReflection;";
    private static final Set<String> MAPPERS = Set.of("com/fasterxml/jackson/databind/ObjectMapper",
            "com/fasterxml/jackson/databind/ObjectReader", "com/fasterxml/jackson/databind/ObjectWriter");
    private static final Set<String> READS = Set.of("readValue", "treeToValue", "convertValue", "readerFor", "readValues");
    private static final Set<String> WRITES = Set.of("writeValueAsString", "writeValueAsBytes", "valueToTree", "writeValue");
    private static final Map<String, Set<String>> REFLECTION = Map.of(
            "java/lang/Class", Set.of("forName", "getDeclaredMethods", "getDeclaredMethod", "getDeclaredFields",
                    "getDeclaredField", "getDeclaredConstructors", "getDeclaredConstructor", "getMethods", "getMethod",
                    "getFields", "getField", "getConstructors", "getConstructor", "newInstance"),
            "java/lang/reflect/Method", Set.of("invoke"),
            "java/lang/reflect/Constructor", Set.of("newInstance"),
            "java/lang/reflect/Field", Set.of("get", "set"),
            "java/lang/reflect/Proxy", Set.of("newProxyInstance"),
            "java/lang/ClassLoader", Set.of("loadClass"));
    private static final Set<String> RESOURCE_READS = Set.of("getResource", "getResourceAsStream", "getResources");
    private static final Set<String> THREAD_MAKERS = Set.of("java/lang/Thread", "java/util/Timer",
            "java/util/concurrent/ThreadPoolExecutor", "java/util/concurrent/ScheduledThreadPoolExecutor",
            "java/util/concurrent/ForkJoinPool", "java/net/Socket", "java/net/ServerSocket", "java/net/DatagramSocket");
    private static final Set<String> THREAD_FACTORIES = Set.of("java/util/concurrent/Executors",
            "java/nio/channels/SocketChannel", "java/nio/channels/ServerSocketChannel", "java/nio/channels/DatagramChannel",
            "java/nio/channels/Selector");

    /** One module's compiled classes and, for a service, its resource includes. */
    public record Module(String name, Path classes, List<String> resourceIncludes) {
    }

    /**
     * A call site this check cannot judge by itself, accepted with its reason: {@code owner.method} of the calling
     * method, and for a dynamic resource path the glob that must be included.
     */
    public record Allowed(String site, String reason, String resourceGlob) {
    }

    private final Map<String, ClassNode> classes = new HashMap<>();
    private final Map<String, Set<String>> modulesOf = new HashMap<>();
    private final Map<String, List<String>> includes = new HashMap<>();
    private final Set<String> registeredTargets = new HashSet<>();
    private final Map<String, Allowed> allowed = new HashMap<>();

    /**
     * @param shared  modules whose classes every service contains (platform, contracts)
     * @param services the services, each with its own classes and resource includes
     */
    public NativeReadiness(List<Module> shared, List<Module> services, List<Allowed> allowed) {
        allowed.forEach(a -> this.allowed.put(a.site(), a));
        for (Module service : services) {
            includes.put(service.name(), service.resourceIncludes());
            load(service.classes(), Set.of(service.name()));
        }
        Set<String> all = new HashSet<>(includes.keySet());
        for (Module module : shared) {
            load(module.classes(), all);
        }
        for (ClassNode node : classes.values()) {
            for (AnnotationNode annotation : annotations(node)) {
                if (annotation.desc.equals(REGISTER) && annotation.values != null) {
                    for (int i = 0; i < annotation.values.size(); i += 2) {
                        if ("targets".equals(annotation.values.get(i)) && annotation.values.get(i + 1) instanceof List<?> targets) {
                            targets.forEach(t -> registeredTargets.add(((Type) t).getInternalName()));
                        }
                    }
                }
            }
        }
    }

    /** Every problem found, one line each, sorted. */
    public List<String> problems() {
        Set<String> problems = new TreeSet<>();
        Set<String> jacksonTypes = new LinkedHashSet<>();
        Map<String, String> jacksonWhere = new HashMap<>();
        Set<String> usedAllowances = new HashSet<>();
        for (ClassNode node : classes.values()) {
            if ("com/fasterxml/jackson/core/type/TypeReference".equals(node.superName) && node.signature != null) {
                for (String type : applicationTypes(node.signature)) {
                    jacksonTypes.add(type);
                    jacksonWhere.putIfAbsent(type, node.name + " (TypeReference)");
                }
            }
            for (MethodNode method : node.methods) {
                String site = node.name.replace('/', '.') + "." + method.name;
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof MethodInsnNode call) {
                        if (REFLECTION.getOrDefault(call.owner, Set.of()).contains(call.name)
                                || (call.owner.equals("java/lang/Class") && call.name.equals("forName"))) {
                            if (allowed.containsKey(site)) {
                                usedAllowances.add(site);
                            } else {
                                problems.add("reflection: " + site + " calls " + call.owner.replace('/', '.') + "." + call.name);
                            }
                        }
                        if (MAPPERS.contains(call.owner) && READS.contains(call.name)) {
                            for (AbstractInsnNode scan = insn.getPrevious(); scan != null; scan = scan.getPrevious()) {
                                if (scan instanceof LdcInsnNode ldc && ldc.cst instanceof Type type && type.getSort() == Type.OBJECT) {
                                    if (isApplication(type.getInternalName())) {
                                        jacksonTypes.add(type.getInternalName());
                                        jacksonWhere.putIfAbsent(type.getInternalName(), site);
                                    }
                                    break;
                                }
                                if (scan instanceof MethodInsnNode) {
                                    break;
                                }
                            }
                        }
                        if (MAPPERS.contains(call.owner) && WRITES.contains(call.name)) {
                            String type = staticType(insn.getPrevious(), method);
                            if (type != null && isApplication(type)) {
                                jacksonTypes.add(type);
                                jacksonWhere.putIfAbsent(type, site);
                            }
                        }
                        if (RESOURCE_READS.contains(call.name)
                                && (call.owner.equals("java/lang/ClassLoader") || call.owner.equals("java/lang/Class"))) {
                            resource(node, method, call, site, problems, usedAllowances);
                        }
                        if (method.name.equals("<clinit>") && startsThreadsOrSockets(call)) {
                            problems.add("static initialiser: " + node.name.replace('/', '.') + " calls "
                                    + call.owner.replace('/', '.') + "." + call.name + " while the class is initialised");
                        }
                    }
                }
            }
        }
        Set<String> checked = new HashSet<>();
        List<String> queue = new ArrayList<>(jacksonTypes);
        while (!queue.isEmpty()) {
            String type = queue.remove(0);
            if (!checked.add(type) || !classes.containsKey(type)) {
                continue;
            }
            ClassNode node = classes.get(type);
            if (!registered(node)) {
                problems.add("jackson: " + type.replace('/', '.') + " is read or written by " + jacksonWhere.get(type)
                        + " but is not registered for reflection (@RegisterForReflection)");
            }
            for (String member : memberTypes(node)) {
                jacksonWhere.putIfAbsent(member, type.replace('/', '.'));
                queue.add(member);
            }
        }
        for (String site : allowed.keySet()) {
            if (!usedAllowances.contains(site)) {
                problems.add("allowed list: " + site + " no longer needs its allowance; remove it");
            }
        }
        return List.copyOf(problems);
    }

    private void resource(ClassNode node, MethodNode method, MethodInsnNode call, String site, Set<String> problems,
                          Set<String> usedAllowances) {
        String path = constantString(call.getPrevious(), node);
        Allowed allowance = allowed.get(site);
        if (path != null) {
            // Class.getResource resolves a relative name against the class's package, ClassLoader never does.
            String pkg = node.name.contains("/") ? node.name.substring(0, node.name.lastIndexOf('/') + 1) : "";
            String name = path.startsWith("/") ? path.substring(1)
                    : call.owner.equals("java/lang/Class") ? pkg + path : path;
            for (String service : modulesOf.get(node.name)) {
                if (includes.get(service).stream().noneMatch(include -> matches(include, name))) {
                    problems.add("resource: " + site + " reads " + name + ", which " + service
                            + "'s quarkus.native.resources.includes does not include");
                }
            }
            return;
        }
        if (allowance == null || allowance.resourceGlob() == null) {
            problems.add("resource: " + site + " reads a resource whose name is not a constant; name the glob that covers it in the allowed list");
            return;
        }
        usedAllowances.add(site);
        String glob = allowance.resourceGlob();
        for (String service : modulesOf.get(node.name)) {
            if (!includes.get(service).contains(glob)) {
                problems.add("resource: " + site + " reads resources under " + glob + ", which " + service
                        + "'s quarkus.native.resources.includes does not list");
            }
        }
    }

    private static boolean startsThreadsOrSockets(MethodInsnNode call) {
        if (THREAD_FACTORIES.contains(call.owner)) {
            return true;
        }
        if (call.owner.equals("java/lang/Thread") && (call.name.equals("start") || call.name.equals("startVirtualThread")
                || call.name.equals("ofPlatform") || call.name.equals("ofVirtual"))) {
            return true;
        }
        return THREAD_MAKERS.contains(call.owner) && call.name.equals("<init>");
    }

    /** The static type of the value the instruction leaves on the stack, when the byte code tells it plainly. */
    private static String staticType(AbstractInsnNode insn, MethodNode method) {
        if (insn instanceof MethodInsnNode call) {
            if (call.name.equals("<init>")) {
                return call.owner;
            }
            Type returned = Type.getReturnType(call.desc);
            return returned.getSort() == Type.OBJECT ? returned.getInternalName() : null;
        }
        if (insn instanceof FieldInsnNode field) {
            Type type = Type.getType(field.desc);
            return type.getSort() == Type.OBJECT ? type.getInternalName() : null;
        }
        if (insn instanceof TypeInsnNode cast && insn.getOpcode() == Opcodes.CHECKCAST) {
            return cast.desc;
        }
        if (insn instanceof VarInsnNode load && insn.getOpcode() == Opcodes.ALOAD && method.localVariables != null) {
            int index = method.instructions.indexOf(insn);
            for (LocalVariableNode local : method.localVariables) {
                if (local.index == load.var && method.instructions.indexOf(local.start) <= index
                        && index < method.instructions.indexOf(local.end)) {
                    Type type = Type.getType(local.desc);
                    return type.getSort() == Type.OBJECT ? type.getInternalName() : null;
                }
            }
        }
        return null;
    }

    private static String constantString(AbstractInsnNode insn, ClassNode owner) {
        if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String text) {
            return text;
        }
        if (insn instanceof FieldInsnNode field && insn.getOpcode() == Opcodes.GETSTATIC && field.owner.equals(owner.name)) {
            for (FieldNode declared : owner.fields) {
                if (declared.name.equals(field.name) && declared.value instanceof String text) {
                    return text;
                }
            }
        }
        return null;
    }

    private boolean registered(ClassNode node) {
        if (registeredTargets.contains(node.name) || hasRegister(node)) {
            return true;
        }
        // Nested classes of a registered class are registered with it (RegisterForReflection.ignoreNested is false).
        String outer = node.nestHostClass;
        return outer != null && classes.containsKey(outer) && annotations(classes.get(outer)).stream()
                .anyMatch(a -> a.desc.equals(REGISTER) && !ignoresNested(a));
    }

    private static boolean ignoresNested(AnnotationNode annotation) {
        if (annotation.values != null) {
            for (int i = 0; i < annotation.values.size(); i += 2) {
                if ("ignoreNested".equals(annotation.values.get(i))) {
                    return Boolean.TRUE.equals(annotation.values.get(i + 1));
                }
            }
        }
        return false;
    }

    private static boolean hasRegister(ClassNode node) {
        return annotations(node).stream().anyMatch(a -> a.desc.equals(REGISTER));
    }

    private static List<AnnotationNode> annotations(ClassNode node) {
        List<AnnotationNode> all = new ArrayList<>();
        if (node.visibleAnnotations != null) {
            all.addAll(node.visibleAnnotations);
        }
        if (node.invisibleAnnotations != null) {
            all.addAll(node.invisibleAnnotations);
        }
        return all;
    }

    /** Application types of a class's instance fields and record components, type arguments included. */
    private static Set<String> memberTypes(ClassNode node) {
        Set<String> types = new LinkedHashSet<>();
        if (node.recordComponents != null) {
            for (RecordComponentNode component : node.recordComponents) {
                types.addAll(applicationTypes(component.signature != null ? component.signature : component.descriptor));
            }
        }
        for (FieldNode field : node.fields) {
            if ((field.access & (Opcodes.ACC_STATIC | Opcodes.ACC_TRANSIENT)) == 0) {
                types.addAll(applicationTypes(field.signature != null ? field.signature : field.desc));
            }
        }
        types.remove(node.name);
        return types;
    }

    private static final Pattern OBJECT_TYPE = Pattern.compile("L(io/vigil/[^<;]+)");

    private static Set<String> applicationTypes(String signature) {
        Set<String> types = new LinkedHashSet<>();
        Matcher matcher = OBJECT_TYPE.matcher(signature);
        while (matcher.find()) {
            types.add(matcher.group(1));
        }
        return types;
    }

    private static boolean isApplication(String internalName) {
        return internalName.startsWith("io/vigil/");
    }

    static boolean matches(String glob, String name) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        return matcher.matches(Path.of(name));
    }

    private void load(Path directory, Set<String> modules) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(directory + " does not exist; compile the module first");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    ClassNode node = new ClassNode();
                    new ClassReader(in).accept(node, 0);
                    classes.put(node.name, node);
                    modulesOf.computeIfAbsent(node.name, k -> new HashSet<>()).addAll(modules);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
