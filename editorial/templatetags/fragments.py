"""{% fragment "name" part ... %}…{% endfragment %}: see editorial.fragments."""

from django import template
from django.utils.safestring import mark_safe

from editorial.fragments import fragment_key, keep_fragment, kept_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        parts = [part.resolve(context) for part in self.parts]
        key = fragment_key(request, self.name.resolve(context), *parts)
        html = kept_fragment(request, key)
        if html is None:
            html = self.nodelist.render(context)
            keep_fragment(request, key, html)
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            '{% fragment %} needs a name: {% fragment "name" part ... %}'
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name, *parts = (parser.compile_filter(bit) for bit in bits[1:])
    return FragmentNode(nodelist, name, parts)
