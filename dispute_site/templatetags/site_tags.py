from django import template
from django.template.base import NodeList
from django.template.loader_tags import BlockNode
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def reuse_block(context, name):
    """Render the page's block `name` once more: a template may name a block once,
    and Open Graph repeats the title and description."""
    rendered = BlockNode(name, NodeList()).render(context)
    # The block's output was escaped as it rendered; strip() would drop that mark.
    return mark_safe(rendered.strip())
