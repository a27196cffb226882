// Marks C++ structs and their members as Colyseus schemas for `schema-codegen`, which reads headers
// with libclang. Under clang the macros become `[[clang::annotate("colyseus:...")]]` attributes;
// other compilers see nothing, so annotated headers compile warning-free with g++ and MSVC too.
//
//   struct COLYSEUS_SCHEMA Player {
//       COLYSEUS_NUMBER double x = 0;          // number (the compact encoding); plain double is float64
//       COLYSEUS_BIGINT int64_t id = 0;         // bigint64 (biguint64 for uint64_t); plain int64_t is int64
//       std::string name = "anonymous";         // string
//       COLYSEUS_VIEW(1) int32_t secret = 0;    // view tag 1; COLYSEUS_VIEW_DEFAULT for plain @view
//       COLYSEUS_SET std::vector<std::string> tags;   // set<string>; COLYSEUS_COLLECTION for collection<T>
//   };
#ifndef COLYSEUS_SCHEMA_ANNOTATIONS_HPP
#define COLYSEUS_SCHEMA_ANNOTATIONS_HPP

#if defined(__clang__)
#define COLYSEUS_ANNOTATE(text) [[clang::annotate(text)]]
#else
#define COLYSEUS_ANNOTATE(text)
#endif

/// Before a struct or class name: the struct is a schema.
#define COLYSEUS_SCHEMA COLYSEUS_ANNOTATE("colyseus:schema")
/// Before a `double` or `float` member (or a container of them): the `number` wire type.
#define COLYSEUS_NUMBER COLYSEUS_ANNOTATE("colyseus:number")
/// Before an `int64_t` or `uint64_t` member (or a container of them): `bigint64` or `biguint64`.
#define COLYSEUS_BIGINT COLYSEUS_ANNOTATE("colyseus:bigint")
/// Before a `std::vector<T>` member: a `set<T>`.
#define COLYSEUS_SET COLYSEUS_ANNOTATE("colyseus:set")
/// Before a `std::vector<T>` member: a `collection<T>`.
#define COLYSEUS_COLLECTION COLYSEUS_ANNOTATE("colyseus:collection")
/// Before a member: the view tag `tag` (`@view(tag)`).
#define COLYSEUS_VIEW(tag) COLYSEUS_ANNOTATE("colyseus:view:" #tag)
/// Before a member: the default view tag (`@view`).
#define COLYSEUS_VIEW_DEFAULT COLYSEUS_ANNOTATE("colyseus:view")

#endif
