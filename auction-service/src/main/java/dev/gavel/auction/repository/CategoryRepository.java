package dev.gavel.auction.repository;

import dev.gavel.auction.Category;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CategoryRepository implements PanacheRepositoryBase<Category, UUID> {

    /** The whole tree, small enough to hold: a catalog has tens to hundreds of categories. */
    public List<Category> all() {
        return list("order by position, name");
    }

    public boolean slugTaken(String slug) {
        return count("slug", slug) > 0;
    }

    public boolean siblingNamed(UUID parentId, String name) {
        return parentId == null
                ? count("parentId is null and lower(name) = ?1", name.toLowerCase()) > 0
                : count("parentId = ?1 and lower(name) = ?2", parentId, name.toLowerCase()) > 0;
    }
}
