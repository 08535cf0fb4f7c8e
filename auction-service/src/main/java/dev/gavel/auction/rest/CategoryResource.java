package dev.gavel.auction.rest;

import dev.gavel.auction.Category;
import dev.gavel.auction.api.CategoryDtos.CategoryView;
import dev.gavel.auction.api.CategoryDtos.CreateCategoryRequest;
import dev.gavel.auction.service.CategoryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

@Path("/api/categories")
@Produces(MediaType.APPLICATION_JSON)
public class CategoryResource {

    private final CategoryService categories;

    public CategoryResource(CategoryService categories) {
        this.categories = categories;
    }

    @GET
    public List<CategoryView> tree() {
        return categories.tree();
    }

    @GET
    @Path("/{id}")
    public CategoryView one(@PathParam("id") String id) {
        return categories.one(Category.NOT_FOUND.id(id));
    }

    @POST
    @RolesAllowed("ADMIN")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateCategoryRequest body) {
        CategoryView created = categories.create(body);
        return Response.created(URI.create("/api/categories/" + created.id())).entity(created).build();
    }
}
