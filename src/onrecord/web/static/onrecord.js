// onrecord: the article page's statement card. Optional: every page reads without it (the
// statements and events are also written out beside the text, and each mark has a title).
// On focus or hover of a statement, this shows that statement's entry from the side list
// (speaker, kind, cue, addressee, account chain) next to it.
(function () {
  "use strict";
  var card = document.getElementById("card");
  if (!card) {
    return;
  }
  var shown = null;

  function pieces(id) {
    return document.querySelectorAll('mark.st[data-a="' + id + '"]');
  }

  function mark(target) {
    return target && target.closest ? target.closest("mark.st") : null;
  }

  function place(element) {
    var rect = element.getClientRects()[0] || element.getBoundingClientRect();
    var width = Math.min(card.offsetWidth || 320, window.innerWidth - 16);
    var left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
    card.style.left = left + window.scrollX + "px";
    card.style.top = rect.bottom + window.scrollY + 6 + "px";
  }

  function show(element) {
    var id = element.getAttribute("data-a");
    var entry = document.getElementById("info-" + id);
    var body = entry ? entry.querySelector(".info-card") : null;
    if (!body) {
      return;
    }
    if (shown !== id) {
      hide();
      card.replaceChildren(body.cloneNode(true));
      card.className = "card " + (entry.className.match(/sp\d+/) || [""])[0];
      card.setAttribute("data-for", id);
      pieces(id).forEach(function (piece) {
        piece.classList.add("active");
      });
      shown = id;
    }
    card.hidden = false;
    place(element);
  }

  function hide() {
    if (shown !== null) {
      pieces(shown).forEach(function (piece) {
        piece.classList.remove("active");
      });
    }
    shown = null;
    card.hidden = true;
    card.removeAttribute("data-for");
  }

  document.querySelectorAll("mark.st[title]").forEach(function (piece) {
    piece.removeAttribute("title");
  });
  document.addEventListener("focusin", function (event) {
    var found = mark(event.target);
    if (found) {
      show(found);
    } else if (!card.contains(event.target)) {
      hide();
    }
  });
  document.addEventListener("mouseover", function (event) {
    var found = mark(event.target);
    if (found) {
      show(found);
    } else if (!card.contains(event.target) && !mark(document.activeElement)) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hide();
    }
  });
  document.addEventListener("click", function (event) {
    var found = mark(event.target);
    if (found) {
      var first = document.getElementById(found.getAttribute("data-a"));
      if (first && first !== document.activeElement) {
        first.focus();
      }
    }
  });
})();
