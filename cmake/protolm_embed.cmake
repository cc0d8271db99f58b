# protolm_embed_text_files(TARGET t OUTPUT file.cc HEADER inc.h NAMESPACE ns
#                          FUNCTION name FILES a.json b.json ...)
#
# Generates OUTPUT at build time (regenerated when a file changes): a C++ file
# defining `std::span<const std::pair<std::string_view, std::string_view>>
# ns::name()` (declared in HEADER): per file its base name without extension
# and its text, verbatim (raw string literals, static storage), and adds it
# to target t.
set(PROTOLM_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/protolm_embed_generate.cmake)

function(protolm_embed_text_files)
  cmake_parse_arguments(ARG "" "TARGET;OUTPUT;HEADER;NAMESPACE;FUNCTION" "FILES"
                        ${ARGN})
  string(REPLACE ";" "|" files_arg "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} "-DFILES=${files_arg}" -DOUT=${ARG_OUTPUT}
            -DHEADER=${ARG_HEADER} -DNAMESPACE=${ARG_NAMESPACE}
            -DFUNCTION=${ARG_FUNCTION} -P ${PROTOLM_EMBED_SCRIPT}
    DEPENDS ${ARG_FILES} ${PROTOLM_EMBED_SCRIPT}
    COMMENT "Embedding ${ARG_FUNCTION} data"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE ${ARG_OUTPUT})
endfunction()
