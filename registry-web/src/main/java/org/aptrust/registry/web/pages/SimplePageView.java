package org.aptrust.registry.web.pages;

/** A page whose template needs nothing but the layout's context (sign-out confirmation). */
public class SimplePageView extends PageView {

    public SimplePageView(String template, PageContext page) {
        super(template, page);
    }
}
