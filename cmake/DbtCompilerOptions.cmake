# Warnings are errors; sanitizers on request (DBT_SANITIZE).
add_compile_options(-Wall -Wextra -Werror -Wno-unused-parameter)
if(DBT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
