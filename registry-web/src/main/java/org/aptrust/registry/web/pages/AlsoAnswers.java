package org.aptrust.registry.web.pages;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.core.Configuration;
import org.glassfish.jersey.server.model.ModelProcessor;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.ResourceModel;

/**
 * The further HTTP methods a resource method answers at its path. The original takes some forms at two methods
 * (POST and PUT, or POST and DELETE); JAX-RS gives a method one, so the page's method names its own ({@code @POST})
 * and this annotation the others, and {@link Routes} adds them: the same handler, path, media types and roles.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AlsoAnswers {

    /** The methods, e.g. {@code HttpMethod.PUT}. */
    String[] value();

    /** Adds, for each resource method annotated {@link AlsoAnswers}, a copy at each method it names. */
    final class Routes implements ModelProcessor {

        @Override
        public ResourceModel processResourceModel(ResourceModel model, Configuration configuration) {
            ResourceModel.Builder out = new ResourceModel.Builder(false);
            model.getResources().forEach(r -> out.addResource(withAliases(r)));
            return out.build();
        }

        @Override
        public ResourceModel processSubResource(ResourceModel model, Configuration configuration) {
            return model;
        }

        private static Resource withAliases(Resource resource) {
            Resource.Builder b = Resource.builder(resource);
            for (ResourceMethod m : resource.getResourceMethods()) {
                AlsoAnswers also = m.getInvocable().getDefinitionMethod().getAnnotation(AlsoAnswers.class);
                for (String method : also == null ? new String[0] : also.value()) {
                    b.addMethod(m).httpMethod(method);
                }
            }
            for (Resource child : resource.getChildResources()) {
                b.replaceChildResource(child, withAliases(child));
            }
            return b.build();
        }
    }
}
