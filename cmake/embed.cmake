# hms_embed(TARGET NAME FILES...) compiles the given files into the binary as a
# table { path relative to the source tree, contents }, read with hms::embedded::find().
# Migrations, templates, catalogs, static assets and rules ship inside build/hms this way.
function(hms_embed target name base)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${name}_embedded.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} -DBASE=${base} "-DFILES=${ARGN}"
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_write.cmake"
    DEPENDS ${ARGN} "${PROJECT_SOURCE_DIR}/cmake/embed_write.cmake"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
