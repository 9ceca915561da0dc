package org.safercities.platform;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * Every route a running kit answers, read from the modules' own routing tables: each module's
 * {@code routing()} is replayed into a recording {@link HttpRouting.Builder} that keeps the method and path of
 * each rule instead of building a router. A module added later is listed without any change here; a way of
 * registering routes this recorder does not understand fails loudly rather than being skipped.
 */
public final class RouteTable {

    /** One route: GET, POST…; the path as written in the table ({@code /strategy/versions/{id}}); its module. */
    public record Route(String method, String path, String module) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<String> VERBS = Set.of("get", "post", "put", "delete", "head", "options", "trace", "patch",
            "any");

    private RouteTable() {
    }

    public static List<Route> of(Kit kit) {
        List<Route> routes = new ArrayList<>();
        for (KitModule m : kit.routedModules()) {
            m.routing((HttpRouting.Builder) recorder(HttpRouting.Builder.class, "", m.name(), routes));
        }
        return List.copyOf(routes);
    }

    private static Object recorder(Class<?> type, String prefix, String module, List<Route> routes) {
        InvocationHandler h = new InvocationHandler() {
            @Override
            public Object invoke(Object self, Method method, Object[] args) {
                String name = method.getName();
                Object[] a = args == null ? new Object[0] : args;
                if (VERBS.contains(name)) {
                    String path = a.length > 0 && a[0] instanceof String s ? s : "/*";
                    routes.add(new Route(name.toUpperCase(Locale.ROOT), prefix + path, module));
                    return self;
                }
                if (name.equals("route") && a.length == 3 && a[0] instanceof io.helidon.http.Method m
                        && a[1] instanceof String path) {
                    routes.add(new Route(m.text(), prefix + path, module));
                    return self;
                }
                if (name.equals("register")) {
                    String at = prefix;
                    List<Object> services = new ArrayList<>();
                    for (Object o : a) {
                        if (o instanceof String s) {
                            at = prefix + s;
                        } else if (o instanceof Object[] many) {
                            services.addAll(List.of(many));
                        } else if (o instanceof List<?> list) {
                            services.addAll(list);
                        } else {
                            services.add(o);
                        }
                    }
                    for (Object o : services) {
                        HttpService s = o instanceof Supplier<?> sup ? (HttpService) sup.get() : (HttpService) o;
                        s.routing((HttpRules) recorder(HttpRules.class, at, module, routes));
                    }
                    return self;
                }
                if (Set.of("addFilter", "addFeature", "error", "maxReRouteCount", "security").contains(name)) {
                    return self;
                }
                if (name.equals("toString")) {
                    return "route recorder of " + module;
                }
                if (name.equals("hashCode")) {
                    return System.identityHashCode(self);
                }
                if (name.equals("equals")) {
                    return self == a[0];
                }
                throw new UnsupportedOperationException("module " + module + " registers routes with " + method
                        + ": teach RouteTable to read it, so that the route tests see these routes");
            }
        };
        return Proxy.newProxyInstance(RouteTable.class.getClassLoader(), new Class<?>[] {type}, h);
    }
}
