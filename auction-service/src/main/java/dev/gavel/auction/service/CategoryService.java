package dev.gavel.auction.service;

import dev.gavel.auction.Category;
import dev.gavel.auction.repository.CategoryRepository;
import dev.gavel.auction.api.CategoryDtos.AttributeDefinition;
import dev.gavel.auction.api.CategoryDtos.CategoryView;
import dev.gavel.auction.api.CategoryDtos.CreateCategoryRequest;
import dev.gavel.common.problem.FieldError;
import dev.gavel.common.error.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The category tree and the attribute definitions it hands down. */
@ApplicationScoped
@Transactional
public class CategoryService {

    private final CategoryRepository categories;
    private final java.time.Clock clock;

    public CategoryService(CategoryRepository categories, java.time.Clock clock) {
        this.categories = categories;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CategoryView> tree() {
        List<Category> all = categories.all();
        Map<UUID, List<Category>> children = new HashMap<>();
        for (Category c : all) {
            children.computeIfAbsent(c.parentId, k -> new ArrayList<>()).add(c);
        }
        return nodes(children, null, List.of());
    }

    /** One category with its sub-tree. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CategoryView one(UUID id) {
        return find(tree(), id).orElseThrow(Category.NOT_FOUND::exception);
    }

    private static java.util.Optional<CategoryView> find(List<CategoryView> nodes, UUID id) {
        for (CategoryView node : nodes) {
            if (node.id().equals(id)) {
                return java.util.Optional.of(node);
            }
            var below = find(node.children(), id);
            if (below.isPresent()) {
                return below;
            }
        }
        return java.util.Optional.empty();
    }

    private static List<CategoryView> nodes(Map<UUID, List<Category>> children, UUID parent,
            List<AttributeDefinition> inherited) {
        List<CategoryView> views = new ArrayList<>();
        for (Category c : children.getOrDefault(parent, List.of())) {
            List<AttributeDefinition> own = c.attributes.stream().map(AttributeDefinition::of).toList();
            List<AttributeDefinition> down = new ArrayList<>(inherited);
            down.addAll(own);
            views.add(new CategoryView(c.id, c.name, c.slug, c.parentId, nodes(children, c.id, down), own, inherited));
        }
        return views;
    }

    public CategoryView create(CreateCategoryRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String name = request.name().strip();
        String slug = request.slug() == null ? slugOf(name) : request.slug();
        Map<UUID, Category> byId = byId();
        List<AttributeDefinition> inherited = new ArrayList<>();
        if (request.parentId() != null) {
            if (!byId.containsKey(request.parentId())) {
                errors.add(new FieldError("parentId", "is not a category"));
            } else {
                for (Category c : lineage(request.parentId(), byId)) {
                    c.attributes.forEach(a -> inherited.add(AttributeDefinition.of(a)));
                }
            }
        }
        if (slug.isEmpty()) {
            errors.add(new FieldError("slug", "cannot be derived from the name; give one"));
        }
        List<AttributeDefinition> definitions = request.attributes() == null ? List.of() : request.attributes();
        Set<String> keys = new HashSet<>();
        inherited.forEach(a -> keys.add(a.key()));
        for (int i = 0; i < definitions.size(); i++) {
            AttributeDefinition a = definitions.get(i);
            String field = "attributes[" + i + "]";
            if (!keys.add(a.key())) {
                errors.add(new FieldError(field + ".key", "'" + a.key() + "' is already defined here or by a parent category"));
            }
            boolean hasOptions = a.options() != null && !a.options().isEmpty();
            if (a.type() == Category.AttributeType.ENUM && !hasOptions) {
                errors.add(new FieldError(field + ".options", "an ENUM needs its options"));
            } else if (a.type() != Category.AttributeType.ENUM && hasOptions) {
                errors.add(new FieldError(field + ".options", "only an ENUM has options"));
            } else if (hasOptions && (new HashSet<>(a.options()).size() != a.options().size()
                    || a.options().stream().anyMatch(o -> o.contains("\n") || !o.equals(o.strip())))) {
                errors.add(new FieldError(field + ".options", "must be distinct single-line values"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        if (categories.slugTaken(slug)) {
            throw DomainException.conflict("CATEGORY_EXISTS", "A category with the slug '" + slug + "' exists.");
        }
        if (categories.siblingNamed(request.parentId(), name)) {
            throw DomainException.conflict("CATEGORY_EXISTS", "The parent already has a category named '" + name + "'.");
        }
        Category category = new Category();
        category.id = UUID.randomUUID();
        category.parentId = request.parentId();
        category.name = name;
        category.slug = slug;
        long siblings = request.parentId() == null ? categories.count("parentId is null")
                : categories.count("parentId", request.parentId());
        category.position = (int) siblings + 1;
        category.createdAt = clock.instant();
        for (int i = 0; i < definitions.size(); i++) {
            AttributeDefinition d = definitions.get(i);
            Category.Attribute a = new Category.Attribute();
            a.key = d.key();
            a.label = d.label().strip();
            a.type = d.type();
            a.options = d.type() == Category.AttributeType.ENUM ? String.join("\n", d.options()) : null;
            a.required = d.required();
            a.position = i + 1;
            category.attributes.add(a);
        }
        categories.persist(category);
        return new CategoryView(category.id, category.name, category.slug, category.parentId, List.of(),
                category.attributes.stream().map(AttributeDefinition::of).toList(), inherited);
    }

    /**
     * The attribute definitions that apply to an auction in these categories, per key: each category's own and
     * those of its ancestors. Unknown category ids are reported as {@code categoryIds} errors.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, List<Category.Attribute>> definitions(Collection<UUID> categoryIds, List<FieldError> errors) {
        Map<String, List<Category.Attribute>> definitions = new LinkedHashMap<>();
        if (categoryIds == null || categoryIds.isEmpty()) {
            return definitions;
        }
        Map<UUID, Category> byId = byId();
        Set<UUID> seen = new HashSet<>();
        for (UUID id : categoryIds) {
            if (id == null || !byId.containsKey(id)) {
                errors.add(new FieldError("categoryIds", "unknown category " + id));
                continue;
            }
            for (Category c : lineage(id, byId)) {
                if (seen.add(c.id)) {
                    c.attributes.forEach(a -> definitions.computeIfAbsent(a.key, k -> new ArrayList<>()).add(a));
                }
            }
        }
        return definitions;
    }

    private Map<UUID, Category> byId() {
        Map<UUID, Category> byId = new HashMap<>();
        categories.all().forEach(c -> byId.put(c.id, c));
        return byId;
    }

    /** The category and its ancestors, root first. */
    private static List<Category> lineage(UUID id, Map<UUID, Category> byId) {
        List<Category> line = new ArrayList<>();
        for (Category c = byId.get(id); c != null && line.size() <= byId.size(); c = byId.get(c.parentId)) {
            line.add(0, c);
            if (c.parentId == null) {
                break;
            }
        }
        return line;
    }

    static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
