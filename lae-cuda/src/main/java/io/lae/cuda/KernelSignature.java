package io.lae.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lae.Precision;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Kernel} record read as the C kernel it launches: the kernel's name and each parameter's name and C type,
 * and the arguments of one launch laid out for {@code cuLaunchKernel}, checked first.
 *
 * @param name       the kernel's {@code extern "C"} name
 * @param parameters its parameters, in order
 */
record KernelSignature(String name, List<Parameter> parameters) {

    private static final ClassValue<KernelSignature> OF = new ClassValue<>() {
        @Override
        protected KernelSignature computeValue(Class<?> type) {
            return read(type);
        }
    };

    /**
     * One parameter.
     *
     * @param name     its name in the source
     * @param cType    its C type without {@code const}: {@code int}, {@code long long}, {@code real}, {@code double},
     *                 {@code real*}, {@code double*} or {@code float*}
     * @param fixed    the element type of a {@link Kernel.Fixed} parameter, else null (the module's)
     * @param nullable whether null may be passed
     * @param accessor reads the argument from the record
     */
    record Parameter(String name, String cType, Precision fixed, boolean nullable, MethodHandle accessor) {
    }

    /** @return the signature of the kernel that {@code kernel} (a {@link Kernel} record) launches */
    static KernelSignature of(Class<? extends Kernel> kernel) {
        return OF.get(kernel);
    }

    private static KernelSignature read(Class<?> type) {
        List<Parameter> parameters = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Kernel.Fixed fixed = component.getAnnotation(Kernel.Fixed.class);
            Precision precision = fixed == null ? null : fixed.value();
            Class<?> javaType = component.getType();
            String cType;
            if (javaType == int.class || javaType == boolean.class) {
                cType = "int";
            } else if (javaType == long.class) {
                cType = "long long";
            } else if (javaType == double.class) {
                cType = precision == null ? "real" : cName(precision);
            } else if (javaType == DeviceMatrix.class) {
                cType = (precision == null ? "real" : cName(precision)) + "*";
            } else {
                throw new IllegalStateException(type.getSimpleName() + "." + component.getName() + ": a kernel takes no "
                        + javaType.getSimpleName());
            }
            try {
                MethodHandle accessor = MethodHandles.lookup().unreflect(component.getAccessor())
                        .asType(MethodType.methodType(Object.class, Kernel.class));
                parameters.add(new Parameter(component.getName(), cType, precision,
                        component.isAnnotationPresent(Kernel.Nullable.class), accessor));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return new KernelSignature(snakeCase(type.getSimpleName()), List.copyOf(parameters));
    }

    private static String cName(Precision precision) {
        return precision.isDouble() ? "double" : "float";
    }

    /** @return {@code AddScaledColumns} as {@code add_scaled_columns} */
    static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /**
     * @param launch    the launch's arguments
     * @param precision the module's precision: the C {@code real}
     * @param arena     holds the values
     * @return the {@code void*[]} of pointers to each argument's value that {@code cuLaunchKernel} takes
     * @throws IllegalArgumentException if a matrix has another precision than its parameter, or is null where the
     *                                  kernel takes no null
     * @throws IllegalStateException    if a matrix is closed or views a closed one
     */
    MemorySegment arguments(Kernel launch, Precision precision, Arena arena) {
        MemorySegment pointers = arena.allocate(ADDRESS, parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            pointers.setAtIndex(ADDRESS, i, value(parameters.get(i), launch, precision, arena));
        }
        return pointers;
    }

    private MemorySegment value(Parameter parameter, Kernel launch, Precision precision, Arena arena) {
        Object argument;
        try {
            argument = parameter.accessor().invokeExact(launch);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        Precision expected = parameter.fixed() == null ? precision : parameter.fixed();
        return switch (argument) {
            case null -> {
                if (!parameter.nullable()) {
                    throw new IllegalArgumentException(name + ": " + parameter.name() + " is null, and the kernel takes"
                            + " no null there");
                }
                yield arena.allocateFrom(ADDRESS, MemorySegment.NULL);
            }
            case Integer i -> arena.allocateFrom(JAVA_INT, i);
            case Boolean b -> arena.allocateFrom(JAVA_INT, b ? 1 : 0);
            case Long l -> arena.allocateFrom(JAVA_LONG, l);
            case Double d -> expected.isDouble() ? arena.allocateFrom(JAVA_DOUBLE, d)
                    : arena.allocateFrom(JAVA_FLOAT, d.floatValue());
            case DeviceMatrix m -> {
                if (m.precision() != expected) {
                    throw new IllegalArgumentException(name + ": " + parameter.name() + " is " + m + ", but the "
                            + precision + " kernel takes " + expected + " there");
                }
                yield arena.allocateFrom(ADDRESS, m.pointer());
            }
            default -> throw new IllegalStateException(name + ": argument of type " + argument.getClass());
        };
    }
}
