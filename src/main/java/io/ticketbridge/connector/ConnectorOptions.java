package io.ticketbridge.connector;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PropertyBindingSupport;

/**
 * The options of a vendor's source or sink by their flat names (the Kamelet and {@code helpdesk:} endpoint names):
 * those of the bean itself and those of its {@link VendorBean#settings() settings}, which the source and the sink
 * share as one class instead of copying setters.
 */
public final class ConnectorOptions {
    private ConnectorOptions() {
    }

    /** Every option {@code bean} takes. */
    public static Set<String> of(VendorBean bean) {
        Set<String> out = writable(bean.getClass());
        if (bean.settings() != null) out.addAll(writable(bean.settings().getClass()));
        return out;
    }

    /**
     * Binds each option to the bean's settings when they have it, else to the bean; an option neither takes fails,
     * naming it (Camel's mandatory binding).
     */
    public static void bind(CamelContext camel, VendorBean bean, Map<String, Object> options) {
        Object settings = bean.settings();
        Set<String> shared = settings == null ? Set.of() : writable(settings.getClass());
        Map<String, Object> own = new LinkedHashMap<>();
        Map<String, Object> common = new LinkedHashMap<>();
        options.forEach((k, v) -> (shared.contains(k) ? common : own).put(k, v));
        if (!common.isEmpty()) PropertyBindingSupport.build().withMandatory(true).bind(camel, settings, common);
        if (!own.isEmpty()) PropertyBindingSupport.build().withMandatory(true).bind(camel, bean, own);
    }

    private static Set<String> writable(Class<?> type) {
        try {
            Set<String> out = new TreeSet<>();
            for (PropertyDescriptor d : Introspector.getBeanInfo(type).getPropertyDescriptors()) {
                if (d.getWriteMethod() != null) out.add(d.getName());
            }
            return out;
        } catch (IntrospectionException e) {
            throw new IllegalStateException(e);
        }
    }
}
