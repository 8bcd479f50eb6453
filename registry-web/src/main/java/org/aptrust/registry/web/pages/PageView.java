package org.aptrust.registry.web.pages;

import java.nio.charset.StandardCharsets;

import io.dropwizard.views.common.View;

/** A page: a Mustache template beside its view class, rendered inside layout.mustache. */
public abstract class PageView extends View {

    private final PageContext page;

    protected PageView(String template, PageContext page) {
        super(template, StandardCharsets.UTF_8);
        this.page = page;
    }

    public PageContext page() {
        return page;
    }
}
